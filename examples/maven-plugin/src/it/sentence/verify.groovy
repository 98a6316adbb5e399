// A sentence in the configuration gives a chart named after the artifactId, with the configured image.
def chart = new File(basedir, 'target/helm/billing-api')
def chartYaml = new File(chart, 'Chart.yaml').text
assert chartYaml.contains('name: billing-api')
assert chartYaml =~ /(?m)^version: "?2\.0\.1"?$/
def values = new File(chart, 'values.yaml').text
assert values.contains('acme/billing-api') : values
assert values.contains('/actuator/health')
assert values.contains('replicaCount: 2')
assert new File(basedir, 'target/k8s-autopilot/validation-report.json').text.contains('"passed" : true')
return true
