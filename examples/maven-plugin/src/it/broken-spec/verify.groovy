// A broken spec fails the build, naming the field and the fix; no chart is written.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('src/main/helm/chart.yaml') : log
assert log.contains('ports') : log
assert log.contains('fix:') : log
assert !new File(basedir, 'target/helm/broken-spec').exists()
return true
