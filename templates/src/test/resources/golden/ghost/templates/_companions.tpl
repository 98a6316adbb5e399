{{/*
Service (and Secret) name of a companion subchart, computed as the subchart's own fullname helper does, from
the values the umbrella passes to it (<name>.fullnameOverride, <name>.nameOverride).
Usage: {{ include "ghost.companionFullname" (dict "name" "mysql" "context" $) }}
*/}}
{{- define "ghost.companionFullname" -}}
{{- $values := index .context.Values .name | default dict -}}
{{- if $values.fullnameOverride -}}
{{- $values.fullnameOverride | trunc 63 | trimAll "-" -}}
{{- else -}}
{{- $name := default .name $values.nameOverride -}}
{{- if contains $name .context.Release.Name -}}
{{- .context.Release.Name | trunc 63 | trimAll "-" -}}
{{- else -}}
{{- printf "%s-%s" .context.Release.Name $name | trunc 63 | trimAll "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}
