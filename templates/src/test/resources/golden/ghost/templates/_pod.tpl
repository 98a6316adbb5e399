{{/*
A container's security context: containerSecurityContext without its "enabled" switch.
*/}}
{{- define "ghost.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled -}}
{{- omit .Values.containerSecurityContext "enabled" | toYaml -}}
{{- end -}}
{{- end -}}

{{/*
An extra container (init container or sidecar): the container as given, with the chart's security
context and the main container's resources unless it sets its own.
Usage: {{ include "ghost.extraContainer" (dict "container" . "context" $) }}
*/}}
{{- define "ghost.extraContainer" -}}
{{- $c := deepCopy .container -}}
{{- if and (not (hasKey $c "securityContext")) .context.Values.containerSecurityContext.enabled -}}
{{- $_ := set $c "securityContext" (omit .context.Values.containerSecurityContext "enabled") -}}
{{- end -}}
{{- if not (hasKey $c "resources") -}}
{{- $_ := set $c "resources" (include "ghost.resources" .context | fromYaml) -}}
{{- end -}}
{{- toYaml (list $c) -}}
{{- end -}}

{{/*
A probe from its values (type http, tcp, grpc or exec), or the custom probe when one is set.
Usage: {{ include "ghost.probe" (dict "probe" .Values.livenessProbe "custom" .Values.customLivenessProbe "context" $) }}
*/}}
{{- define "ghost.probe" -}}
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
Usage: {{ include "ghost.podTemplate" (dict "context" $ "statefulset" false "job" false) }}
*/}}
{{- define "ghost.podTemplate" -}}
{{- $root := .context -}}
{{- $job := .job -}}
{{- $statefulset := .statefulset -}}
metadata:
  labels: {{- merge (include "ghost.labels" $root | fromYaml) (deepCopy ($root.Values.podLabels | default dict)) | toYaml | nindent 4 }}
  {{- $annotations := deepCopy ($root.Values.podAnnotations | default dict) }}
  {{- if include "ghost.createConfigMap" $root }}
  {{- $_ := set $annotations "checksum/config" (include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum) }}
  {{- end }}
  {{- if include "ghost.createSecret" $root }}
  {{- $_ := set $annotations "checksum/secret" (include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum) }}
  {{- end }}
  {{- if and $root.Values.metrics $root.Values.metrics.enabled }}
  {{- $_ := set $annotations "prometheus.io/scrape" "true" }}
  {{- $_ := set $annotations "prometheus.io/port" (index $root.Values.containerPorts $root.Values.metrics.port | toString) }}
  {{- $_ := set $annotations "prometheus.io/path" $root.Values.metrics.path }}
  {{- end }}
  {{- with (include "ghost.annotations" (dict "annotations" $annotations "context" $root)) }}
  annotations: {{- . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "ghost.serviceAccountName" $root | quote }}
  automountServiceAccountToken: {{ $root.Values.automountServiceAccountToken }}
  {{- with (include "ghost.imagePullSecrets" $root) }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- if $job }}
  restartPolicy: {{ $root.Values.job.restartPolicy }}
  {{- end }}
  {{- with (include "ghost.affinity" $root) }}
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
    {{- $_ := set $c "labelSelector" (dict "matchLabels" (include "ghost.selectorLabels" $root | fromYaml)) }}
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
    {{- include "ghost.extraContainer" (dict "container" . "context" $root) | nindent 4 }}
    {{- end }}
  {{- end }}
  containers:
    - name: "ghost"
      image: {{ include "ghost.image" $root }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      {{- with (include "ghost.containerSecurityContext" $root) }}
      securityContext: {{- . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.command }}
      command: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.args }}
      args: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if or $root.Values.configuration.env $root.Values.auth.secretEnv $root.Values.extraEnvVars $root.Values.companionEnv }}
      env:
        {{- range $root.Values.configuration.env }}
        - name: {{ .name | quote }}
          valueFrom:
            configMapKeyRef:
              name: {{ include "ghost.fullname" $root | quote }}
              key: {{ .name | quote }}
        {{- end }}
        {{- range $root.Values.auth.secretEnv }}
        - name: {{ .name | quote }}
          valueFrom:
            secretKeyRef:
              name: {{ include "ghost.secretName" $root }}
              key: {{ .key | quote }}
        {{- end }}
        {{- with $root.Values.extraEnvVars }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- range $root.Values.companionEnv }}
        {{- $sub := index $root.Values .name | default dict }}
        {{- $ext := index $root.Values .external | default dict }}
        {{- if $sub.enabled }}
        - name: {{ .hostEnv | quote }}
          value: {{ include "ghost.companionFullname" (dict "name" .name "context" $root) | quote }}
        - name: {{ .portEnv | quote }}
          value: {{ dig "service" "ports" .portName .port $sub | toString | quote }}
        {{- if .userEnv }}
        - name: {{ .userEnv | quote }}
          value: {{ .user | quote }}
        {{- end }}
        {{- else }}
        - name: {{ .hostEnv | quote }}
          value: {{ required (printf "%s.host is required when %s.enabled is false" .external .name) $ext.host | quote }}
        - name: {{ .portEnv | quote }}
          value: {{ $ext.port | toString | quote }}
        {{- if .userEnv }}
        - name: {{ .userEnv | quote }}
          value: {{ $ext.user | default .user | quote }}
        {{- end }}
        {{- end }}
        {{- if .passwordEnv }}
        - name: {{ .passwordEnv | quote }}
          valueFrom:
            secretKeyRef:
              {{- if $sub.enabled }}
              name: {{ default (include "ghost.companionFullname" (dict "name" .name "context" $root)) (dig "auth" "existingSecret" "" $sub) | quote }}
              key: {{ .passwordKey | quote }}
              {{- else }}
              name: {{ required (printf "%s.existingSecret is required when %s.enabled is false" .external .name) $ext.existingSecret | quote }}
              key: {{ $ext.passwordKey | default .passwordKey | quote }}
              {{- end }}
        {{- end }}
        {{- end }}
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
        {{- end }}
      {{- end }}
      {{- if not $job }}
      {{- if $root.Values.livenessProbe.enabled }}
      livenessProbe: {{- include "ghost.probe" (dict "probe" $root.Values.livenessProbe "custom" $root.Values.customLivenessProbe "context" $root) | nindent 8 }}
      {{- end }}
      {{- if $root.Values.readinessProbe.enabled }}
      readinessProbe: {{- include "ghost.probe" (dict "probe" $root.Values.readinessProbe "custom" $root.Values.customReadinessProbe "context" $root) | nindent 8 }}
      {{- end }}
      {{- if $root.Values.startupProbe.enabled }}
      startupProbe: {{- include "ghost.probe" (dict "probe" $root.Values.startupProbe "custom" $root.Values.customStartupProbe "context" $root) | nindent 8 }}
      {{- end }}
      {{- end }}
      {{- with (include "ghost.resources" $root) }}
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
    {{- include "ghost.extraContainer" (dict "container" . "context" $root) | nindent 4 }}
    {{- end }}
  volumes:
    - name: empty-dir
      emptyDir: {}
    {{- if $root.Values.configuration.files }}
    - name: config
      configMap:
        name: {{ include "ghost.fullname" $root | quote }}
    {{- end }}
    {{- if and $root.Values.persistence.enabled $root.Values.persistence.existingClaim }}
    - name: data
      persistentVolumeClaim:
        claimName: {{ $root.Values.persistence.existingClaim }}
    {{- else if and $root.Values.persistence.enabled (not $statefulset) }}
    - name: data
      persistentVolumeClaim:
        claimName: {{ include "ghost.claimName" $root | quote }}
    {{- else if not $root.Values.persistence.enabled }}
    - name: data
      emptyDir: {}
    {{- end }}
    {{- with $root.Values.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
