        {{- range $root.Values.companionEnv }}
        {{- $sub := index $root.Values .name | default dict }}
        {{- $ext := index $root.Values .external | default dict }}
        {{- if $sub.enabled }}
        - name: {{ .hostEnv | quote }}
          value: {{ include "@@chart@@.companionFullname" (dict "name" .name "context" $root) | quote }}
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
              name: {{ default (include "@@chart@@.companionFullname" (dict "name" .name "context" $root)) (dig "auth" "existingSecret" "" $sub) | quote }}
              key: {{ .passwordKey | quote }}
              {{- else }}
              name: {{ required (printf "%s.existingSecret is required when %s.enabled is false" .external .name) $ext.existingSecret | quote }}
              key: {{ $ext.passwordKey | default .passwordKey | quote }}
              {{- end }}
        {{- end }}
        {{- end }}
