// mvn verify generated, validated and packaged the chart with the POM's name, version and Jib image.
def chart = new File(basedir, 'target/helm/orders-service')
assert new File(chart, 'Chart.yaml').isFile() : 'no chart in target/helm/orders-service'
def chartYaml = new File(chart, 'Chart.yaml').text
assert chartYaml.contains('name: orders-service')
assert chartYaml =~ /(?m)^version: "?1\.4\.0-SNAPSHOT"?$/
assert chartYaml =~ /(?m)^appVersion: "?1\.4\.0-SNAPSHOT"?$/
def values = new File(chart, 'values.yaml').text
assert values.contains('shop/orders-service') : values
assert values.contains('registry.example.com') : values
assert values.contains('/actuator/health/readiness')
assert new File(basedir, 'target/orders-service-1.4.0-SNAPSHOT.tgz').isFile() : 'no packaged chart in target/'
def report = new File(basedir, 'target/k8s-autopilot/validation-report.json').text
assert report.contains('"passed" : true') : report
def log = new File(basedir, 'build.log').text
assert log.contains('passed validation')
return true
