"use strict";
// A v1 scheduler written on the unchanged mesos-framework client, as its users write one: subscribes, runs one shell
// task, and tears the framework down once the task has finished. Each step is one line on stdout (SUBSCRIBED id,
// LAUNCHED task agent, STATUS task state, TEARDOWN id), read by the test that runs it.
// Usage: node scheduler.js http://MASTER:5050 [NAME]; exits 0 once the teardown was sent.

var Scheduler = require("mesos-framework").Scheduler;
var Mesos = require("mesos-framework").Mesos.getMesos();

var master = new URL(process.argv[2]);
var name = process.argv[3] || "js-scheduler";
var TIMEOUT_MS = 90000;

function say(line) {
    process.stdout.write(line + "\n");
}

var scheduler = new Scheduler({
    masterUrl: master.hostname,
    port: master.port || 5050,
    frameworkName: name,
    user: process.env.USER || "root",
    logging: {level: "error", path: process.env.DRIVER_LOG_DIR || "logs"},
    restartStates: [],
    tasks: {
        hello: {
            priority: 1,
            instances: 1,
            commandInfo: new Mesos.CommandInfo(null, null, true, "echo hello from mesos-framework; sleep 1", null, null),
            resources: {cpus: 0.1, mem: 32, ports: 0, disk: 0}
        }
    }
});

scheduler.on("subscribed", function (subscribed) {
    say("SUBSCRIBED " + subscribed.frameworkId);
});

// The client's own "task_launched" fires only on a STAGING to RUNNING change, and Mesos sends TASK_STARTING in between:
// the tasks it has just sent with an ACCEPT are those it lists as launched.
var announced = {};
scheduler.on("sent_accept", function () {
    scheduler.launchedTasks.forEach(function (task) {
        if (!announced[task.taskId]) {
            announced[task.taskId] = true;
            say("LAUNCHED " + task.taskId + " " + task.runtimeInfo.agentId);
        }
    });
});

scheduler.on("update", function (update) {
    var status = update.status;
    say("STATUS " + status.task_id.value + " " + status.state);
    if (status.state === "TASK_FINISHED") {
        tearingDown = true;
        scheduler.on("sent_teardown", function () {
            say("TEARDOWN " + scheduler.frameworkId);
            process.exit(0);
        });
        scheduler.teardown();
    }
});

// A teardown ends the framework's event stream, as Mesos ends it; the client reports that as an error.
var tearingDown = false;
scheduler.on("error", function (error) {
    if (tearingDown && error.message === "Long-running connection was closed!") {
        return;
    }
    say("ERROR " + (error.message ? error.message : JSON.stringify(error)));
});

scheduler.on("ready", function () {
    scheduler.subscribe();
});

setTimeout(function () {
    say("TIMEOUT");
    process.exit(2);
}, TIMEOUT_MS).unref();
