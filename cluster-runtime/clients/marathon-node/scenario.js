'use strict';
// One app's life through marathon-node 1.1.0, unchanged: create it with a shell command, see its task run (through
// the REST API and the client's event source), scale it to two, list apps and tasks, read the server's info,
// delete it; then a group's, through the client's group calls: created empty, given an app that runs, deleted.
// With a Mesos master URL, each step of the app's is also checked against the master's /master/state.
//
//   node scenario.js http://MARATHON:8080 [http://MASTER:5050] [APP_ID]
//
// With MARATHON_USER and MARATHON_PASSWORD in the environment, the client authenticates through its own options
// (passed to its HTTP requests as `auth`, and to its event source as a header); with MESOS_PRINCIPAL and MESOS_SECRET,
// the master's state is read with them.
//
// Prints one line per step done; exits 1 with the step that failed.
const Marathon = require('marathon-node');

const [marathonUrl, masterArg, appArg] = process.argv.slice(2);
if (!marathonUrl) {
    console.error('usage: node scenario.js MARATHON_URL [MASTER_URL] [APP_ID]');
    process.exit(2);
}
const masterUrl = masterArg || null;
const appId = appArg || '/clients/marathon-node';
const WAIT_MS = 90000;
function basic(user, password) {
    return 'Basic ' + Buffer.from(user + ':' + password).toString('base64');
}

const marathonUser = process.env.MARATHON_USER;
const marathonAuth = marathonUser ? {user: marathonUser, pass: process.env.MARATHON_PASSWORD} : null;
const marathonHeaders = marathonAuth ? {Authorization: basic(marathonAuth.user, marathonAuth.pass)} : {};
const masterHeaders = process.env.MESOS_PRINCIPAL
    ? {Authorization: basic(process.env.MESOS_PRINCIPAL, process.env.MESOS_SECRET)} : {};
const marathon = Marathon(marathonUrl, marathonAuth ? {auth: marathonAuth} : {});

function check(ok, what) {
    if (!ok) {
        throw new Error(what);
    }
}

function step(what) {
    console.log('ok: ' + what);
}

async function awaitUntil(condition, what) {
    const deadline = Date.now() + WAIT_MS;
    while (!(await condition())) {
        if (Date.now() > deadline) {
            throw new Error('not within ' + WAIT_MS / 1000 + ' s: ' + what);
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
}

async function running() {
    const reply = await marathon.app.getTasks(appId);
    return reply.tasks.filter(t => t.state === 'TASK_RUNNING').map(t => t.id).sort();
}

async function awaitRunning(count) {
    let seen = [];
    await awaitUntil(async () => (seen = await running()).length === count, count + ' running tasks');
    return seen;
}

async function masterRunning() {
    const reply = await fetch(masterUrl + '/master/state', {headers: masterHeaders});
    check(reply.status === 200, 'GET /master/state: ' + reply.status);
    const state = await reply.json();
    return state.frameworks.filter(f => f.name === 'marathon')
        .flatMap(f => f.tasks).filter(t => t.state === 'TASK_RUNNING').map(t => t.id);
}

async function checkMaster(taskIds) {
    if (masterUrl) {
        await awaitUntil(async () => {
            const ids = await masterRunning();
            return taskIds.every(id => ids.includes(id));
        }, 'the master runs ' + taskIds);
        step('the master runs ' + taskIds);
    }
}

async function gone(read) {
    try {
        await read();
        return false;
    } catch (e) {
        if (e.statusCode === 404) {
            return true;
        }
        throw e;
    }
}

async function run() {
    const runningEvents = new Set();
    const events = marathon.events.createEventSource({eventType: ['status_update_event'], headers: marathonHeaders});
    events.addEventListener('status_update_event', message => {
        const e = JSON.parse(message.data);
        if (e.appId === appId && e.taskStatus === 'TASK_RUNNING') {
            runningEvents.add(e.taskId);
        }
    });
    try {
        const created = await marathon.app.create({
            id: appId, cmd: 'echo started; sleep 600', cpus: 0.1, mem: 16, instances: 1
        });
        check(created.id === appId, 'created app has id ' + appId + ': ' + created.id);
        check(created.cmd === 'echo started; sleep 600', 'created app keeps its cmd: ' + created.cmd);
        step('created ' + created.id + ' version ' + created.version);

        const first = await awaitRunning(1);
        step('running ' + first);
        await checkMaster(first);
        await awaitUntil(() => runningEvents.has(first[0]), 'a status_update_event TASK_RUNNING for ' + first);
        step('event source: ' + first + ' TASK_RUNNING');

        const scaled = await marathon.app.update(appId, {instances: 2});
        check(typeof scaled.deploymentId === 'string' && scaled.deploymentId.length > 0,
            'scaling returns a deployment: ' + JSON.stringify(scaled));
        const both = await awaitRunning(2);
        check(both.includes(first[0]), 'scaling up keeps the running task ' + first + ': ' + both);
        check((await marathon.app.getOne(appId)).app.instances === 2, 'the app has 2 instances');
        step('scaled to ' + both);
        await checkMaster(both);

        const apps = (await marathon.app.getList()).apps;
        check(apps.some(a => a.id === appId), 'GET /v2/apps lists ' + appId);
        const listed = (await marathon.tasks.getList()).tasks.filter(t => t.appId === appId).map(t => t.id).sort();
        check(JSON.stringify(listed) === JSON.stringify(both), 'GET /v2/tasks lists ' + both + ': ' + listed);
        step('listed ' + apps.length + ' apps, ' + listed.length + ' tasks of ' + appId);

        const info = await marathon.info.get();
        check(info.name === 'marathon' && typeof info.version === 'string', 'GET /v2/info names Marathon');
        check(typeof info.frameworkId === 'string' && info.frameworkId.length > 0, 'GET /v2/info has a framework id');
        step('info ' + info.name + ' ' + info.version + ' framework ' + info.frameworkId);

        const deleted = await marathon.app.destroy(appId);
        check(typeof deleted.deploymentId === 'string', 'deleting returns a deployment');
        await awaitUntil(() => gone(() => marathon.app.getOne(appId)), 'the app is gone (404)');
        if (masterUrl) {
            await awaitUntil(async () => (await masterRunning()).every(id => !both.includes(id)),
                'the master runs none of ' + both);
        }
        step('deleted ' + appId);
        await groupLife(appId + '-group');
    } finally {
        events.close();
    }
}

async function groupLife(groupId) {
    const created = await marathon.groups.create({id: groupId});
    check(typeof created.deploymentId === 'string', 'creating a group returns a deployment: ' + JSON.stringify(created));
    const empty = await marathon.groups.getOne(groupId);
    check(empty.id === groupId && empty.apps.length === 0 && empty.groups.length === 0,
        'the new group is empty: ' + JSON.stringify(empty));
    step('created the empty group ' + groupId);

    const appInGroup = groupId + '/app';
    const updated = await marathon.groups.update(groupId, {
        apps: [{id: 'app', cmd: 'sleep 600', cpus: 0.1, mem: 16, instances: 1}]
    });
    check(typeof updated.deploymentId === 'string', 'updating a group returns a deployment');
    await awaitUntil(async () => (await marathon.app.getTasks(appInGroup)).tasks
        .some(t => t.state === 'TASK_RUNNING'), appInGroup + ' running');
    const listed = (await marathon.groups.getOne(groupId)).apps.map(a => a.id);
    check(JSON.stringify(listed) === JSON.stringify([appInGroup]), 'the group lists its app: ' + listed);
    step('group ' + groupId + ' runs ' + appInGroup);

    await marathon.groups.destroy(groupId, true);
    await awaitUntil(() => gone(() => marathon.groups.getOne(groupId)), 'the group is gone (404)');
    step('deleted the group ' + groupId);
}

run().then(() => {
    console.log('scenario passed');
}, e => {
    console.log('scenario failed: ' + (e.stack || e));
    process.exit(1);
});
