          {{- if has $name ($root.Values.hostPorts | default list) }}
          hostPort: {{ $port }}
          {{- end }}
