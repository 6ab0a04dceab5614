package io.plumbery.clients;

import com.mesosphere.mesos.rx.java.AwaitableSubscription;
import com.mesosphere.mesos.rx.java.MesosClient;
import com.mesosphere.mesos.rx.java.SinkOperation;
import com.mesosphere.mesos.rx.java.SinkOperations;
import com.mesosphere.mesos.rx.java.protobuf.ProtobufMesosClientBuilder;
import com.mesosphere.mesos.rx.java.protobuf.SchedulerCalls;
import com.mesosphere.mesos.rx.java.util.UserAgentEntries;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import rx.Observable;

/**
 * A v1 scheduler written on the unchanged mesos-rxjava protobuf client, as its users write one: subscribes (with a
 * framework id of its own, as the client's examples do), launches one shell task on the first offer, acknowledges its
 * updates, and tears the framework down once the task has finished. Each step is one line on stdout
 * ({@code SUBSCRIBED id}, {@code LAUNCHED task agent}, {@code STATUS task state}, {@code TEARDOWN id}), read by the
 * test that runs it. Usage: {@code RxJavaScheduler http://MASTER:5050 [NAME]}; exits 0 after the teardown was sent.
 * With {@code MESOS_PRINCIPAL} and {@code MESOS_SECRET} in the environment, the framework has that principal and the
 * client authenticates with them, as it does for a master URI with user info ({@code http://principal:secret@...}).
 * {@code MESOS_USER} is the framework's user, as which its tasks run (a deployed cluster's ACLs allow {@code nobody}
 * only); without it, the user running this program.
 */
public final class RxJavaScheduler {
    private static final long TIMEOUT_SECONDS = 90;

    private final FrameworkID frameworkId;
    private final String name;
    private final AtomicBoolean launched = new AtomicBoolean();
    private final CountDownLatch tornDown = new CountDownLatch(1);

    private final String principal = System.getenv("MESOS_PRINCIPAL");

    private RxJavaScheduler(String name) {
        this.name = name;
        this.frameworkId = FrameworkID.newBuilder().setValue(name + "-" + UUID.randomUUID()).build();
    }

    public static void main(String[] args) throws InterruptedException {
        String name = args.length > 1 ? args[1] : "rxjava-scheduler";
        RxJavaScheduler scheduler = new RxJavaScheduler(name);
        AwaitableSubscription subscription = scheduler.client(scheduler.withUserInfo(URI.create(args[0]
                + "/api/v1/scheduler"))).openStream();
        boolean done = scheduler.tornDown.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        subscription.unsubscribe();
        System.out.flush();
        System.exit(done ? 0 : 2);
    }

    private URI withUserInfo(URI uri) {
        if (principal == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), principal + ":" + System.getenv("MESOS_SECRET"), uri.getHost(),
                    uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private MesosClient<Call, Event> client(URI uri) {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
                .setId(frameworkId)
                .setUser(System.getenv().getOrDefault("MESOS_USER", System.getProperty("user.name")))
                .setName(name)
                .setFailoverTimeout(0);
        if (principal != null) {
            info.setPrincipal(principal);
        }
        return ProtobufMesosClientBuilder.schedulerUsingProtos()
                .mesosUri(uri)
                .applicationUserAgentEntry(UserAgentEntries.literal("plumbery-driver", "1"))
                .subscribe(SchedulerCalls.subscribe(frameworkId, info.build()))
                .processStream(this::react)
                .build();
    }

    private Observable<Optional<SinkOperation<Call>>> react(Observable<Event> events) {
        return events.flatMap(event -> {
            switch (event.getType()) {
                case SUBSCRIBED:
                    say("SUBSCRIBED " + event.getSubscribed().getFrameworkId().getValue());
                    return Observable.empty();
                case OFFERS:
                    return Observable.from(event.getOffers().getOffersList()).map(this::answer);
                case UPDATE:
                    return Observable.from(updated(event.getUpdate().getStatus()));
                case ERROR:
                    say("ERROR " + event.getError().getMessage());
                    return Observable.empty();
                default:
                    return Observable.empty();
            }
        }).map(Optional::of);
    }

    private SinkOperation<Call> answer(Offer offer) {
        if (!launched.compareAndSet(false, true)) {
            return SinkOperations.create(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.DECLINE)
                    .setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId())).build());
        }
        TaskInfo task = TaskInfo.newBuilder()
                .setName(name + "-task")
                .setTaskId(TaskID.newBuilder().setValue(name + "-task-" + UUID.randomUUID()))
                .setAgentId(offer.getAgentId())
                .addResources(scalar("cpus", 0.1))
                .addResources(scalar("mem", 32))
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue("echo hello from mesos-rxjava; sleep 1"))
                .build();
        say("LAUNCHED " + task.getTaskId().getValue() + " " + offer.getAgentId().getValue());
        Call accept = Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACCEPT)
                .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task))))
                .build();
        return SinkOperations.create(accept, error -> say("ERROR " + error));
    }

    private List<SinkOperation<Call>> updated(TaskStatus status) {
        say("STATUS " + status.getTaskId().getValue() + " " + status.getState());
        List<SinkOperation<Call>> calls = new ArrayList<>();
        if (status.hasUuid()) {
            calls.add(SinkOperations.create(SchedulerCalls.ackUpdate(frameworkId, status.getUuid(),
                    status.getAgentId(), status.getTaskId())));
        }
        if (status.getState() == TaskState.TASK_FINISHED) {
            calls.add(SinkOperations.create(Call.newBuilder().setFrameworkId(frameworkId)
                    .setType(Call.Type.TEARDOWN).build(), () -> {
                        say("TEARDOWN " + frameworkId.getValue());
                        tornDown.countDown();
                    }, error -> say("ERROR " + error)));
        }
        return calls;
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
