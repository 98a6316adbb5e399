{{/*
Name of the chart, truncated to 63 characters (Kubernetes name limit).
*/}}
{{- define "ghost.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimAll "-" -}}
{{- end -}}

{{/*
Fully qualified app name, truncated to 63 characters. The release name is used as is when it
already contains the chart name.
*/}}
{{- define "ghost.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimAll "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimAll "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimAll "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The fullname with a suffix, at most 63 characters. The fullname is shortened first, so the suffix always
survives and two suffixed names of one release never collide (plain `printf "%s-x" fullname | trunc 63`
cuts the suffix off long names).
Usage: {{ include "ghost.suffixedName" (dict "context" $ "suffix" "headless") }}
*/}}
{{- define "ghost.suffixedName" -}}
{{- $suffix := toString .suffix -}}
{{- $base := include "ghost.fullname" .context | trunc (int (sub 62 (len $suffix))) | trimAll "-" -}}
{{- printf "%s-%s" $base $suffix -}}
{{- end -}}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "ghost.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimAll "-" -}}
{{- end -}}

{{/*
Namespace of every object: namespaceOverride or the release namespace.
*/}}
{{- define "ghost.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride | trunc 63 | trimAll "-" -}}
{{- end -}}

{{/*
Selector labels: only name and instance, which never change during the life of a release.
*/}}
{{- define "ghost.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ghost.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end -}}

{{/*
Standard labels plus commonLabels (the standard ones win on conflicts so selectors stay intact).
*/}}
{{- define "ghost.labels" -}}
{{- $std := dict "helm.sh/chart" (include "ghost.chart" .) "app.kubernetes.io/name" (include "ghost.name" .) "app.kubernetes.io/instance" .Release.Name "app.kubernetes.io/version" (.Chart.AppVersion | toString | replace "+" "_" | trunc 63 | trimAll "-") "app.kubernetes.io/managed-by" .Release.Service -}}
{{- toYaml (merge $std (deepCopy (.Values.commonLabels | default dict))) -}}
{{- end -}}

{{/*
Annotations: the given map merged with commonAnnotations. Usage:
{{ include "ghost.annotations" (dict "annotations" .Values.service.annotations "context" $) }}
*/}}
{{- define "ghost.annotations" -}}
{{- $all := merge (deepCopy (.annotations | default dict)) (deepCopy (.context.Values.commonAnnotations | default dict)) -}}
{{- if $all -}}
{{- toYaml $all -}}
{{- end -}}
{{- end -}}

{{/*
Name of the ServiceAccount the pods use.
*/}}
{{- define "ghost.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ghost.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
An image reference registry/repository:tag@digest; global.imageRegistry overrides the registry.
Usage: {{ include "ghost.imageRef" (dict "image" .Values.image "global" .Values.global) }}
*/}}
{{- define "ghost.imageRef" -}}
{{- $registry := .image.registry -}}
{{- if and .global .global.imageRegistry -}}
{{- $registry = .global.imageRegistry -}}
{{- end -}}
{{- $ref := .image.repository -}}
{{- if $registry -}}
{{- $ref = printf "%s/%s" $registry $ref -}}
{{- end -}}
{{- if .image.tag -}}
{{- $ref = printf "%s:%s" $ref (.image.tag | toString) -}}
{{- end -}}
{{- if .image.digest -}}
{{- $ref = printf "%s@%s" $ref (.image.digest | toString) -}}
{{- end -}}
{{- $ref -}}
{{- end -}}

{{/*
The main container image.
*/}}
{{- define "ghost.image" -}}
{{- include "ghost.imageRef" (dict "image" .Values.image "global" .Values.global) -}}
{{- end -}}

{{/*
imagePullSecrets from global.imagePullSecrets and image.pullSecrets (names or {name: ...} objects).
*/}}
{{- define "ghost.imagePullSecrets" -}}
{{- $secrets := list -}}
{{- range (concat ((.Values.global).imagePullSecrets | default list) (.Values.image.pullSecrets | default list)) -}}
{{- if kindIs "map" . -}}
{{- $secrets = append $secrets .name -}}
{{- else -}}
{{- $secrets = append $secrets . -}}
{{- end -}}
{{- end -}}
{{- if $secrets -}}
imagePullSecrets:
{{- range ($secrets | uniq) }}
  - name: {{ . | quote }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
Resources of a preset (Bitnami table): nano, micro, small, medium, large, xlarge, 2xlarge.
*/}}
{{- define "ghost.resources.preset" -}}
{{- $presets := dict
  "nano" (dict "requests" (dict "cpu" "100m" "memory" "128Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "150m" "memory" "192Mi" "ephemeral-storage" "2Gi"))
  "micro" (dict "requests" (dict "cpu" "250m" "memory" "256Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "375m" "memory" "384Mi" "ephemeral-storage" "2Gi"))
  "small" (dict "requests" (dict "cpu" "500m" "memory" "512Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "750m" "memory" "768Mi" "ephemeral-storage" "2Gi"))
  "medium" (dict "requests" (dict "cpu" "500m" "memory" "1024Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "750m" "memory" "1536Mi" "ephemeral-storage" "2Gi"))
  "large" (dict "requests" (dict "cpu" "1.0" "memory" "2048Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "1.5" "memory" "3072Mi" "ephemeral-storage" "2Gi"))
  "xlarge" (dict "requests" (dict "cpu" "1.0" "memory" "3072Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "3.0" "memory" "6144Mi" "ephemeral-storage" "2Gi"))
  "2xlarge" (dict "requests" (dict "cpu" "1.0" "memory" "3072Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "6.0" "memory" "12288Mi" "ephemeral-storage" "2Gi"))
-}}
{{- if hasKey $presets . -}}
{{- index $presets . | toYaml -}}
{{- else -}}
{{- printf "resourcesPreset %q is unknown: use one of %s" . (keys $presets | sortAlpha | join ", ") | fail -}}
{{- end -}}
{{- end -}}

{{/*
Resources of the main container: resources when set, else the preset (nothing for none).
*/}}
{{- define "ghost.resources" -}}
{{- if .Values.resources -}}
{{- toYaml .Values.resources -}}
{{- else if and .Values.resourcesPreset (ne .Values.resourcesPreset "none") -}}
{{- include "ghost.resources.preset" .Values.resourcesPreset -}}
{{- end -}}
{{- end -}}

{{/*
Affinity: the affinity value, else the podAntiAffinityPreset.
*/}}
{{- define "ghost.affinity" -}}
{{- if .Values.affinity -}}
{{- toYaml .Values.affinity -}}
{{- else if eq .Values.podAntiAffinityPreset "soft" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 1
      podAffinityTerm:
        labelSelector:
          matchLabels: {{- include "ghost.selectorLabels" . | nindent 12 }}
        topologyKey: kubernetes.io/hostname
{{- else if eq .Values.podAntiAffinityPreset "hard" -}}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector:
        matchLabels: {{- include "ghost.selectorLabels" . | nindent 10 }}
      topologyKey: kubernetes.io/hostname
{{- end -}}
{{- end -}}

{{/*
Name of the Secret holding the secret environment variables.
*/}}
{{- define "ghost.secretName" -}}
{{- default (include "ghost.fullname" .) .Values.auth.existingSecret -}}
{{- end -}}

{{/*
Whether the chart renders its own Secret ("true" or empty).
*/}}
{{- define "ghost.createSecret" -}}
{{- if and .Values.auth.secretEnv (not .Values.auth.existingSecret) -}}true{{- end -}}
{{- end -}}

{{/*
Whether the chart renders its ConfigMap ("true" or empty).
*/}}
{{- define "ghost.createConfigMap" -}}
{{- if or .Values.configuration.env .Values.configuration.files -}}true{{- end -}}
{{- end -}}

{{/*
Name of the PersistentVolumeClaim of a Deployment or Job.
*/}}
{{- define "ghost.claimName" -}}
{{- default (include "ghost.fullname" .) .Values.persistence.existingClaim -}}
{{- end -}}

{{/*
storageClassName of a claim: persistence.storageClass, else global.defaultStorageClass; "-" means none.
*/}}
{{- define "ghost.storageClass" -}}
{{- $class := default ((.Values.global).defaultStorageClass) .Values.persistence.storageClass -}}
{{- if $class -}}
{{- if eq "-" $class }}
storageClassName: ""
{{- else }}
storageClassName: {{ $class | quote }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Fails with a clear message on value combinations that cannot work. Called by the workload template.
*/}}
{{- define "ghost.validateValues" -}}
{{- $messages := list -}}
{{- $ports := .Values.containerPorts | default dict -}}
{{- if .Values.autoscaling -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- $messages = append $messages (printf "autoscaling: minReplicas (%v) is greater than maxReplicas (%v); make maxReplicas at least minReplicas" .Values.autoscaling.minReplicas .Values.autoscaling.maxReplicas) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (not .Values.autoscaling.targetCPU) (not .Values.autoscaling.targetMemory) -}}
{{- $messages = append $messages "autoscaling: set autoscaling.targetCPU or autoscaling.targetMemory, the HorizontalPodAutoscaler needs a metric" -}}
{{- end -}}
{{- end -}}
{{- if .Values.pdb -}}
{{- if and .Values.pdb.create (toString .Values.pdb.minAvailable) (toString .Values.pdb.maxUnavailable) -}}
{{- $messages = append $messages "pdb: set only one of pdb.minAvailable and pdb.maxUnavailable" -}}
{{- end -}}
{{- end -}}
{{- range $probe := list "livenessProbe" "readinessProbe" "startupProbe" -}}
{{- $p := index $.Values $probe -}}
{{- if and $p $p.enabled (has $p.type (list "http" "tcp" "grpc")) (not (hasKey $ports $p.port)) -}}
{{- $messages = append $messages (printf "%s.port: %q is not a key of containerPorts; use one of %s" $probe $p.port (keys $ports | sortAlpha | join ", ")) -}}
{{- end -}}
{{- if and $p $p.enabled (eq $p.type "exec") (not $p.command) -}}
{{- $messages = append $messages (printf "%s.command: an exec probe needs a command" $probe) -}}
{{- end -}}
{{- end -}}
{{- if .Values.service -}}
{{- range $name, $port := .Values.service.ports -}}
{{- if not (hasKey $ports $name) -}}
{{- $messages = append $messages (printf "service.ports.%s: no container port has this name; use one of %s" $name (keys $ports | sortAlpha | join ", ")) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.ingress.enabled (not (hasKey .Values.service.ports .Values.ingress.servicePort)) -}}
{{- $messages = append $messages (printf "ingress.servicePort: %q is not a key of service.ports" .Values.ingress.servicePort) -}}
{{- end -}}
{{- if .Values.ingressRoute.enabled -}}
{{- if not (hasKey .Values.service.ports .Values.ingressRoute.servicePort) -}}
{{- $messages = append $messages (printf "ingressRoute.servicePort: %q is not a key of service.ports" .Values.ingressRoute.servicePort) -}}
{{- end -}}
{{- range (prepend (.Values.ingressRoute.extraHosts | default list) .Values.ingressRoute.hostname) -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$" (toString .)) -}}
{{- $messages = append $messages (printf "ingressRoute: %q is not a DNS host name" (toString .)) -}}
{{- end -}}
{{- end -}}
{{- if not (regexMatch "^/[^`\\s{}]*$" (toString .Values.ingressRoute.path)) -}}
{{- $messages = append $messages (printf "ingressRoute.path: %q must start with / and contain no backquotes, spaces or braces" (toString .Values.ingressRoute.path)) -}}
{{- end -}}
{{- if and .Values.ingressRoute.middlewares.basicAuth.enabled (not .Values.ingressRoute.middlewares.basicAuth.secret) -}}
{{- $messages = append $messages "ingressRoute.middlewares.basicAuth.secret: name the Secret with the htpasswd users when basicAuth is enabled" -}}
{{- end -}}
{{- if and .Values.ingressRoute.middlewares.redirectScheme.enabled (not .Values.ingressRoute.tls.enabled) -}}
{{- $messages = append $messages "ingressRoute.middlewares.redirectScheme: redirecting to https needs ingressRoute.tls.enabled=true" -}}
{{- end -}}
{{- end -}}
{{- if and .Values.metrics .Values.metrics.serviceMonitor.enabled (not (hasKey .Values.service.ports .Values.metrics.port)) -}}
{{- $messages = append $messages (printf "metrics.port: %q is not a key of service.ports" .Values.metrics.port) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.persistence.enabled .Values.persistence.existingClaim (gt (int (.Values.replicaCount | default 1)) 1) (has "ReadWriteOnce" .Values.persistence.accessModes) -}}
{{- $messages = append $messages "persistence.existingClaim: one ReadWriteOnce claim cannot be shared by several replicas; use replicaCount=1 or a ReadWriteMany claim" -}}
{{- end -}}
{{- if $messages -}}
{{- printf "VALUES VALIDATION: %s" (join "; " $messages) | fail -}}
{{- end -}}
{{- end -}}
