// Drives the k8s-autopilot A2A server with the official A2A JavaScript SDK (@a2a-js/sdk), through its
// v0.3 compatibility layer: a client that was not written here. Run by JsSdkInteropIT:
//   node a2a-js-client.mjs <SDK_HOME> <BASE_URL>
// SDK_HOME is the directory .ci/a2a-js.sh installed the SDK into. Prints one JSON object on stdout.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const [sdkHome, baseUrl] = process.argv.slice(2);
const require = createRequire(join(sdkHome, 'package.json'));
const sdk = require('@a2a-js/sdk');
const { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory, DefaultAgentCardResolver } = require('@a2a-js/sdk/client');

const legacy = { legacyCompat: { enabled: true } };
const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
  transports: [new JsonRpcTransportFactory(legacy)],
  cardResolver: new DefaultAgentCardResolver(legacy),
}));

const state = (task) => sdk.taskStateToJSON(task.status.state);
const textPart = (text) => ({ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' });
const message = (text, task) => ({
  messageId: randomUUID(), role: sdk.Role.ROLE_USER, parts: [textPart(text)],
  contextId: task ? task.contextId : '', taskId: task ? task.id : '',
  metadata: undefined, extensions: [], referenceTaskIds: [],
});
const request = (msg) => ({ tenant: '', message: msg, configuration: undefined, metadata: undefined });
const statusText = (task) => (task.status.message?.parts ?? [])
  .filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('\n');
const statusData = (task) => Object.assign({}, ...(task.status.message?.parts ?? [])
  .filter((p) => p.content?.$case === 'data').map((p) => p.content.value));

async function send(client, text, task) {
  const result = await client.sendMessage(request(message(text, task)));
  if (!result.status) throw new Error('expected a task, got ' + JSON.stringify(result));
  return result;
}

async function approveReview(client, task) {
  let t = task;
  while (state(t) === 'TASK_STATE_INPUT_REQUIRED' && statusData(t).gate === 'generation_review') {
    t = await send(client, 'approve', t);
  }
  return t;
}

function artifacts(task) {
  return task.artifacts.map((a) => ({
    id: a.artifactId, name: a.name,
    parts: a.parts.map((p) => ({ kind: p.content?.$case, filename: p.filename, mediaType: p.mediaType,
      size: p.content?.$case === 'raw' ? p.content.value.length : undefined,
      text: p.content?.$case === 'raw' && p.filename === 'Chart.yaml' ? Buffer.from(p.content.value).toString('utf8') : undefined,
      data: p.content?.$case === 'data' ? p.content.value : undefined })),
  }));
}

const out = {};
const client = await factory.createFromUrl(baseUrl);
const card = await (await fetch(new URL('.well-known/agent-card.json', baseUrl))).json();
out.card = { protocolVersion: card.protocolVersion, url: card.url, streaming: card.capabilities.streaming,
  skills: card.skills.map((s) => s.id) };

// 1. nginx: completed (after approve) with the chart among the artifacts.
let nginx = await send(client, 'Create a Helm chart for nginx');
out.nginxFirst = state(nginx);
nginx = await approveReview(client, nginx);
out.nginx = { state: state(nginx), text: statusText(nginx), artifacts: artifacts(nginx) };

// 2. a vague request asks; the answer in the same task completes it.
let app = await send(client, 'make a chart for our app');
out.appFirst = { state: state(app), gate: statusData(app).gate, questions: (statusData(app).questions ?? []).map((q) => q.field) };
app = await approveReview(client, await send(client, 'image=ghcr.io/acme/web:5.0.1 port=8443', app));
out.app = { state: state(app), files: artifacts(app).find((a) => a.id === 'chart')?.parts.map((p) => p.filename) ?? [] };
out.appGet = state(await client.getTask({ tenant: '', id: app.id, historyLength: undefined }));

// 3. streaming: task, status updates, final input-required.
const events = [];
for await (const ev of client.sendMessageStream(request(message('make a chart for our app')))) {
  const p = ev.payload;
  if (p?.$case === 'statusUpdate') events.push('status:' + sdk.taskStateToJSON(p.value.status.state));
  else events.push(p?.$case);
}
out.stream = events;

// 4. an unknown task is an error the client reports, not a crash.
try {
  await client.getTask({ tenant: '', id: 'no-such-task', historyLength: undefined });
  out.unknownTask = 'no error';
} catch (e) {
  out.unknownTask = String(e?.message ?? e);
}

process.stdout.write(JSON.stringify(out) + '\n');
