package io.plumbery.runtime.webui;

import java.util.Optional;

/** Where the browser should go instead: the leader's base URL ({@code //host:port}) while another instance leads. */
@FunctionalInterface
public interface LeaderLocation {
    /** Empty while this instance leads, or while no leader is known (the page then says so itself). */
    Optional<String> elsewhere();
}
