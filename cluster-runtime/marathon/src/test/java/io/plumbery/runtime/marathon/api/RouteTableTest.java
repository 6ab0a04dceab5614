package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.api.RouteTable.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final TestLeadership leadership = new TestLeadership();
    private final RouteTable table = MarathonApi.routes(leadership);

    @Test
    void everyDocumentedPathGoesToItsResource() {
        Map<RouteTable.Resource, List<String>> documented = Map.of(
                new AppsResource(), List.of("GET /v2/apps", "POST /v2/apps", "PUT /v2/apps/", "PATCH /v2/apps",
                        "GET /v2/apps/prod/web", "DELETE /v2/apps/web", "POST /v2/apps/web/restart",
                        "GET /v2/apps/web/versions", "GET /v2/apps/web/versions/v1", "GET /v2/apps/prod/web/tasks",
                        "DELETE /v2/apps/web/tasks/web.1"),
                new TasksResource(), List.of("GET /v2/tasks", "POST /v2/tasks/delete"),
                new DeploymentsResource(), List.of("GET /v2/deployments", "DELETE /v2/deployments/d-1"),
                new QueueResource(), List.of("GET /v2/queue", "DELETE /v2/queue/prod/web/delay"),
                new GroupsResource(), List.of("GET /v2/groups", "POST /v2/groups", "PUT /v2/groups/prod",
                        "DELETE /v2/groups/prod/web"),
                new InfoResource(leadership), List.of("GET /ping", "GET /v2/leader", "DELETE /v2/leader",
                        "GET /v2/info", "GET /metrics"),
                new EventsResource(leadership), List.of("GET /v2/events"));
        documented.forEach((resource, requests) -> {
            for (String request : requests) {
                String[] methodAndPath = request.split(" ");
                Optional<Route> found = table.find(methodAndPath[0], methodAndPath[1]);
                assertThat(found).as(request).isPresent();
                assertThat(resource.routes()).as(request).anySatisfy(r -> {
                    assertThat(r.method()).isEqualTo(found.get().method());
                    assertThat(r.pattern()).isEqualTo(found.get().pattern());
                });
            }
        });
    }

    @Test
    void onlyPingAndAskingForTheLeaderAreAnsweredByEveryInstance() {
        assertThat(table.find("GET", "/ping")).hasValueSatisfying(r -> assertThat(r.leaderOnly()).isFalse());
        assertThat(table.find("HEAD", "/ping")).hasValueSatisfying(r -> assertThat(r.leaderOnly()).isFalse());
        assertThat(table.find("GET", "/v2/leader")).hasValueSatisfying(r -> assertThat(r.leaderOnly()).isFalse());
        assertThat(table.find("DELETE", "/v2/leader")).hasValueSatisfying(r -> assertThat(r.leaderOnly()).isTrue());
        assertThat(table.find("GET", "/v2/apps")).hasValueSatisfying(r -> assertThat(r.leaderOnly()).isTrue());
    }

    @Test
    void unknownPathsAndMethodsThatNoRouteTakesFindNothing() {
        assertThat(table.find("GET", "/v2/nowhere")).isEmpty();
        assertThat(table.find("GET", "/v2/appsx")).isEmpty();
        assertThat(table.find("GET", "/v2/groupsx")).isEmpty();
        assertThat(table.find("GET", "/v2/queue/web")).isEmpty();
        // Marathon here answers these with 404, not 405
        assertThat(table.find("POST", "/v2/tasks")).isEmpty();
        assertThat(table.find("GET", "/v2/tasks/delete")).isEmpty();
        assertThat(table.find("POST", "/v2/events")).isEmpty();
        assertThat(table.find("PUT", "/v2/leader")).isEmpty();
    }

    @Test
    void resourcesThatTakeAnyMethodAnswerTheRestThemselves() {
        assertThat(table.find("DELETE", "/v2/apps")).hasValueSatisfying(r -> assertThat(r.method())
                .isEqualTo(RouteTable.ANY));
        assertThat(table.find("PATCH", "/v2/groups/prod")).hasValueSatisfying(r -> assertThat(r.method())
                .isEqualTo(RouteTable.ANY));
    }
}
