package io.plumbery.runtime.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Labels as Mesos-DNS makes them; expected values from its naming doc and its own tests. */
class DnsLabelsTest {

    @Test
    void marathonTaskNamesBecomeOneLabel() {
        assertThat(Labels.RFC1123.label("web.prod")).isEqualTo("web-prod");
        assertThat(Labels.RFC1123.label("apiserver.myservice")).isEqualTo("apiserver-myservice");
        assertThat(Labels.RFC1123.label("My_App.Team")).isEqualTo("my-app-team");
    }

    @Test
    void invalidCharactersAreDroppedAndDashesTrimmed() {
        assertThat(Labels.RFC1123.label("-café!$web-")).isEqualTo("cafweb");
        assertThat(Labels.RFC1123.label("--a--b--")).isEqualTo("a--b");
        assertThat(Labels.RFC1123.label("!!!")).isEmpty();
        assertThat(Labels.RFC1123.label("1st")).isEqualTo("1st");
        assertThat(Labels.RFC952.label("1st-app")).isEqualTo("st-app");
    }

    @Test
    void longNamesAreCutWithoutEndingOnADash() {
        assertThat(Labels.RFC1123.label("a".repeat(70))).hasSize(63);
        assertThat(Labels.RFC952.label("abcdefghijklmnopqrstuvwxyz")).isEqualTo("abcdefghijklmnopqrstuvwx");
        // a dash at the cut is dropped and the label refilled from what follows (Mesos-DNS's trimCut)
        assertThat(Labels.RFC952.label("abcdefghijklmnopqrstuvw-xyz")).isEqualTo("abcdefghijklmnopqrstuvwx");
        assertThat(Labels.RFC952.label("abcdefghijklmnopqrstuvw-")).isEqualTo("abcdefghijklmnopqrstuvw");
    }

    @Test
    void frameworkNamesKeepTheirDots() {
        assertThat(Labels.RFC1123.domainFragment("marathon.prod")).isEqualTo("marathon.prod");
        assertThat(Labels.RFC1123.domainFragment("Marathon..Prod_1.")).isEqualTo("marathon.prod-1");
        assertThat(Labels.RFC1123.domainFragment("marathon-0.7.5")).isEqualTo("marathon-0.7.5");
    }

    @Test
    void taskIdHashIsMesosDnsHashString() {
        assertThat(Labels.hash("test")).isEqualTo("iffe9");
        assertThat(Labels.hash("car-store.43758382-562f-11e4-a088-c20493233aa5")).isEqualTo("zinaz");
    }

    @Test
    void agentIdTailIsTheLastPart() {
        assertThat(Labels.agentIdTail("20140827-000744-3041283216-5050-2116-S1")).isEqualTo("s1");
        assertThat(Labels.agentIdTail("noparts")).isEqualTo("noparts");
    }
}
