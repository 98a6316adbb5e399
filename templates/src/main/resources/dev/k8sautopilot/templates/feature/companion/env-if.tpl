      {{- if or $root.Values.configuration.env $root.Values.auth.secretEnv $root.Values.extraEnvVars $root.Values.companionEnv }}
