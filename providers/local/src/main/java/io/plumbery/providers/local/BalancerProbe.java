package io.plumbery.providers.local;

import io.plumbery.node.files.PrivateFiles;
import io.plumbery.node.wait.Wait;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.PidFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The health probe of one balancer: a small bash loop on the host that opens a TCP connection to each node's port
 * every {@value #INTERVAL_S} s (at most {@value #TIMEOUT_S} s each), takes a node out after {@value #FALL} failures
 * in a row and puts it back after {@value #RISE} successes (HAProxy's defaults), and then rewrites the balancer's
 * chain ({@link BalancerRule}) in one nft transaction. It connects to the plan's own nodes only: their addresses are
 * written into the script, nothing else is read.
 *
 * <p>It lives as the plan's nodes do: a process detached from plumbery ({@code setsid}), started when the balancer
 * is built, found again by its pid file (checked against its command line) in the balancer's directory, and
 * stopped when the balancer is destroyed or the plan purged. So it runs while no plumbery process does, needs no
 * service manager on the host (the local provider needs none), and, like the nodes, does not come back by itself
 * after the host restarts. Its directory also holds {@code live} (the nodes in the chain now, read when the plan's
 * table is rendered again, so that a re-render does not bring back a node that is down) and {@code probe.log}.
 */
final class BalancerProbe {

    static final int INTERVAL_S = 2;
    static final int TIMEOUT_S = 1;
    static final int FALL = 3;
    static final int RISE = 2;

    private final Path dir;

    BalancerProbe(Path dir) {
        this.dir = dir;
    }

    Path script() {
        return dir.resolve("probe.sh");
    }

    /** Writes the probe for {@code rule}'s members and (re)starts it. */
    void start(String table, BalancerRule rule) throws ProviderException {
        stop();
        try {
            PrivateFiles.directories(dir);
            PrivateFiles.write(script(), script(table, rule), "rwx------");
            PrivateFiles.write(dir.resolve("run.sh"), "#!/bin/sh\necho $$ > pid\nexec /bin/bash "
                    + Machine.shell(script().toString()) + "\n", "rwx------");
        } catch (IOException e) {
            throw new ProviderException("writing the health probe of balancer " + rule.name() + ": " + e.getMessage(),
                    false, e);
        }
        Exec.detached(dir.resolve("run.sh"), dir.resolve("probe.log"), "the health probe of balancer " + rule.name());
        if (!Wait.polling(Duration.ofSeconds(5), Duration.ofMillis(50)).until(() -> pid().isPresent())) {
            throw new ProviderException("the health probe of balancer " + rule.name() + " did not start; see "
                    + dir.resolve("probe.log"));
        }
    }

    Optional<Long> pid() {
        return PidFile.alive(dir.resolve("pid"), script().toString());
    }

    /** Stops the probe (its children too) if it runs; bounded. */
    void stop() throws ProviderException {
        Optional<ProcessHandle> probe = pid().flatMap(ProcessHandle::of);
        if (probe.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(probe.get().descendants().toList());
        all.add(0, probe.get());
        all.forEach(ProcessHandle::destroy);
        if (!Wait.polling(Duration.ofSeconds(5), Duration.ofMillis(50)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive))) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The members that answered last ({@code live}), in members' order; all of them before the first probe. */
    List<String> live(List<String> members) {
        try {
            List<String> written = Arrays.asList(Files.readString(dir.resolve("live")).trim().split("\\s+"));
            return members.stream().filter(written::contains).toList();
        } catch (IOException e) {
            return members;
        }
    }

    /** The probe's bash script; {@code bash probe.sh rule ADDRESS...} prints the chain's rule for those nodes. */
    static String script(String table, BalancerRule rule) {
        String members = String.join(" ", rule.members());
        return """
                #!/bin/bash
                # plumbery: the health probe of balancer %1$s. Every %5$d s it opens a TCP connection to each node's
                # port (%6$d s at most); a node leaves the balancer after %7$d failures in a row and comes back after
                # %8$d successes, by one nft transaction that rewrites the balancer's chain.
                set -u
                table=%2$s
                chain=%3$s
                match='%4$s'
                pick='%9$s'
                port=%10$d
                members=(%11$s)

                rule() {
                  if [ $# -eq 0 ]; then
                    printf '%%s reject with tcp reset comment "live"\\n' "$match"
                    return
                  fi
                  local map='' i=0 a
                  for a in "$@"; do map="$map${map:+, }$i : $a"; i=$((i + 1)); done
                  printf '%%s dnat to %%s mod %%d map { %%s } comment "live %%s"\\n' "$match" "$pick" $# "$map" "$*"
                }

                if [ "${1:-}" = rule ]; then shift; rule "$@"; exit 0; fi

                declare -A up ok fail
                before=" $(cat live 2>/dev/null || echo "${members[*]}") "
                for m in "${members[@]}"; do
                  ok[$m]=0; fail[$m]=0
                  case "$before" in *" $m "*) up[$m]=1 ;; *) up[$m]=0 ;; esac
                done
                while :; do
                  live=()
                  for m in "${members[@]}"; do
                    if timeout %6$d bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$m" "$port" 2>/dev/null; then
                      fail[$m]=0; ok[$m]=$((ok[$m] + 1)); [ "${ok[$m]}" -ge %8$d ] && up[$m]=1
                    else
                      ok[$m]=0; fail[$m]=$((fail[$m] + 1)); [ "${fail[$m]}" -ge %7$d ] && up[$m]=0
                    fi
                    [ "${up[$m]}" = 1 ] && live+=("$m")
                  done
                  want=$(rule "${live[@]}")
                  if ! nft list chain ip "$table" "$chain" 2>/dev/null | grep -qF "${want##* comment }"; then
                    if printf 'flush chain ip %%s %%s\\nadd rule ip %%s %%s %%s\\n' "$table" "$chain" "$table" "$chain" "$want" | nft -f -; then
                      echo "${live[*]}" > live.new && mv live.new live
                      echo "$(date -u +%%FT%%TZ) live: ${live[*]:-none}"
                    fi
                  fi
                  sleep %5$d
                done
                """.formatted(rule.name(), table, rule.chain(), rule.match(), INTERVAL_S, TIMEOUT_S, FALL, RISE,
                rule.pick(), rule.port(), members);
    }
}
