{{/*
A container's security context: containerSecurityContext without its "enabled" switch.
*/}}
{{- define "@@chart@@.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled -}}
{{- omit .Values.containerSecurityContext "enabled" | toYaml -}}
{{- end -}}
{{- end -}}

{{/*
An extra container (init container or sidecar): the container as given, with the chart's security
context and the main container's resources unless it sets its own.
Usage: {{ include "@@chart@@.extraContainer" (dict "container" . "context" $) }}
*/}}
{{- define "@@chart@@.extraContainer" -}}
{{- $c := deepCopy .container -}}
{{- if and (not (hasKey $c "securityContext")) .context.Values.containerSecurityContext.enabled -}}
{{- $_ := set $c "securityContext" (omit .context.Values.containerSecurityContext "enabled") -}}
{{- end -}}
{{- if not (hasKey $c "resources") -}}
{{- $_ := set $c "resources" (include "@@chart@@.resources" .context | fromYaml) -}}
{{- end -}}
{{- toYaml (list $c) -}}
{{- end -}}

{{/*
A probe from its values (type http, tcp, grpc or exec), or the custom probe when one is set.
Usage: {{ include "@@chart@@.probe" (dict "probe" .Values.livenessProbe "custom" .Values.customLivenessProbe "context" $) }}
*/}}
{{- define "@@chart@@.probe" -}}
{{- if .custom -}}
{{- toYaml .custom -}}
{{- else -}}
{{- $p := .probe -}}
{{- if eq $p.type "http" -}}
httpGet:
  path: {{ $p.path | quote }}
  port: {{ lower $p.port }}
{{- else if eq $p.type "tcp" -}}
tcpSocket:
  port: {{ lower $p.port }}
{{- else if eq $p.type "grpc" -}}
grpc:
  port: {{ index .context.Values.containerPorts $p.port }}
{{- else -}}
exec:
  command: {{- toYaml $p.command | nindent 4 }}
{{- end }}
{{ omit $p "enabled" "type" "path" "port" "command" | toYaml }}
{{- end -}}
{{- end -}}

{{/*
The pod template of the workload.
Usage: {{ include "@@chart@@.podTemplate" (dict "context" $ "statefulset" false "job" false) }}
*/}}
{{- define "@@chart@@.podTemplate" -}}
{{- $root := .context -}}
{{- $job := .job -}}
{{- $statefulset := .statefulset -}}
metadata:
  labels: {{- merge (include "@@chart@@.labels" $root | fromYaml) (deepCopy ($root.Values.podLabels | default dict)) | toYaml | nindent 4 }}
  {{- $annotations := deepCopy ($root.Values.podAnnotations | default dict) }}
  {{- if include "@@chart@@.createConfigMap" $root }}
  {{- $_ := set $annotations "checksum/config" (include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum) }}
  {{- end }}
  {{- if include "@@chart@@.createSecret" $root }}
  {{- $_ := set $annotations "checksum/secret" (include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum) }}
  {{- end }}
  {{- if and $root.Values.metrics $root.Values.metrics.enabled }}
  {{- $_ := set $annotations "prometheus.io/scrape" "true" }}
  {{- $_ := set $annotations "prometheus.io/port" (index $root.Values.containerPorts $root.Values.metrics.port | toString) }}
  {{- $_ := set $annotations "prometheus.io/path" $root.Values.metrics.path }}
  {{- end }}
  {{- with (include "@@chart@@.annotations" (dict "annotations" $annotations "context" $root)) }}
  annotations: {{- . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "@@chart@@.serviceAccountName" $root | quote }}
  automountServiceAccountToken: {{ $root.Values.automountServiceAccountToken }}
  {{- with (include "@@chart@@.imagePullSecrets" $root) }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- if $job }}
  restartPolicy: {{ $root.Values.job.restartPolicy }}
  {{- end }}
  {{- with (include "@@chart@@.affinity" $root) }}
  affinity: {{- . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.nodeSelector }}
  nodeSelector: {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.tolerations }}
  tolerations: {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if $root.Values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- range $root.Values.topologySpreadConstraints }}
    {{- $c := deepCopy . }}
    {{- if not (hasKey $c "labelSelector") }}
    {{- $_ := set $c "labelSelector" (dict "matchLabels" (include "@@chart@@.selectorLabels" $root | fromYaml)) }}
    {{- end }}
    {{- toYaml (list $c) | nindent 4 }}
    {{- end }}
  {{- end }}
  {{- with $root.Values.priorityClassName }}
  priorityClassName: {{ . | quote }}
  {{- end }}
  terminationGracePeriodSeconds: {{ $root.Values.terminationGracePeriodSeconds }}
  {{- if $root.Values.podSecurityContext.enabled }}
  securityContext: {{- omit $root.Values.podSecurityContext "enabled" | toYaml | nindent 4 }}
  {{- end }}
  {{- if $root.Values.initContainers }}
  initContainers:
    {{- range $root.Values.initContainers }}
    {{- include "@@chart@@.extraContainer" (dict "container" . "context" $root) | nindent 4 }}
    {{- end }}
  {{- end }}
  containers:
    - name: "@@chart@@"
      image: {{ include "@@chart@@.image" $root }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      {{- with (include "@@chart@@.containerSecurityContext" $root) }}
      securityContext: {{- . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.command }}
      command: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.args }}
      args: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if or $root.Values.configuration.env $root.Values.auth.secretEnv $root.Values.extraEnvVars }}@@slot:envIf@@
      env:
        {{- range $root.Values.configuration.env }}
        - name: {{ .name | quote }}
          valueFrom:
            configMapKeyRef:
              name: {{ include "@@chart@@.fullname" $root | quote }}
              key: {{ .name | quote }}
        {{- end }}
        {{- range $root.Values.auth.secretEnv }}
        - name: {{ .name | quote }}
          valueFrom:
            secretKeyRef:
              name: {{ include "@@chart@@.secretName" $root }}
              key: {{ .key | quote }}
        {{- end }}
        {{- with $root.Values.extraEnvVars }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
@@slot:env@@
      {{- end }}
      {{- if or $root.Values.extraEnvVarsCM $root.Values.extraEnvVarsSecret }}
      envFrom:
        {{- with $root.Values.extraEnvVarsCM }}
        - configMapRef:
            name: {{ . | quote }}
        {{- end }}
        {{- with $root.Values.extraEnvVarsSecret }}
        - secretRef:
            name: {{ . | quote }}
        {{- end }}
      {{- end }}
      {{- if $root.Values.containerPorts }}
      ports:
        {{- range $name, $port := $root.Values.containerPorts }}
        - name: {{ lower $name }}
          containerPort: {{ $port }}
          protocol: {{ get ($root.Values.containerPortProtocols | default dict) $name | default "TCP" }}
@@slot:containerPort@@
        {{- end }}
      {{- end }}
      {{- if not $job }}
      {{- if $root.Values.livenessProbe.enabled }}
      livenessProbe: {{- include "@@chart@@.probe" (dict "probe" $root.Values.livenessProbe "custom" $root.Values.customLivenessProbe "context" $root) | nindent 8 }}
      {{- end }}
      {{- if $root.Values.readinessProbe.enabled }}
      readinessProbe: {{- include "@@chart@@.probe" (dict "probe" $root.Values.readinessProbe "custom" $root.Values.customReadinessProbe "context" $root) | nindent 8 }}
      {{- end }}
      {{- if $root.Values.startupProbe.enabled }}
      startupProbe: {{- include "@@chart@@.probe" (dict "probe" $root.Values.startupProbe "custom" $root.Values.customStartupProbe "context" $root) | nindent 8 }}
      {{- end }}
      {{- end }}
      {{- with (include "@@chart@@.resources" $root) }}
      resources: {{- . | nindent 8 }}
      {{- end }}
      volumeMounts:
        {{- range $root.Values.writablePaths }}
        - name: empty-dir
          mountPath: {{ . | quote }}
          subPath: {{ trimPrefix "/" . | quote }}
        {{- end }}
        - name: data
          mountPath: {{ $root.Values.persistence.mountPath | quote }}
        {{- range $root.Values.configuration.files }}
        - name: config
          mountPath: {{ printf "%s/%s" (trimSuffix "/" .mountPath) .fileName | quote }}
          subPath: {{ .fileName | quote }}
          readOnly: true
        {{- end }}
        {{- with $root.Values.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- range $root.Values.sidecars }}
    {{- include "@@chart@@.extraContainer" (dict "container" . "context" $root) | nindent 4 }}
    {{- end }}
  volumes:
    - name: empty-dir
      emptyDir: {}
    {{- if $root.Values.configuration.files }}
    - name: config
      configMap:
        name: {{ include "@@chart@@.fullname" $root | quote }}
    {{- end }}
    {{- if and $root.Values.persistence.enabled $root.Values.persistence.existingClaim }}
    - name: data
      persistentVolumeClaim:
        claimName: {{ $root.Values.persistence.existingClaim }}
    {{- else if and $root.Values.persistence.enabled (not $statefulset) }}
    - name: data
      persistentVolumeClaim:
        claimName: {{ include "@@chart@@.claimName" $root | quote }}
    {{- else if not $root.Values.persistence.enabled }}
    - name: data
      emptyDir: {}
    {{- end }}
    {{- with $root.Values.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
