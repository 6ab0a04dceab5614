package io.plumbery.runtime.master.api;

import io.plumbery.runtime.acls.Viewer;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.master.MasterCore;
import io.plumbery.runtime.master.OperatorListener;
import io.plumbery.runtime.state.MasterState;

/** The master's view ACLs for a request: whom it authenticated as, and the filter of the state it may see. */
final class Views {
    private final MasterCore core;

    Views(MasterCore core) {
        this.core = core;
    }

    Viewer viewer(Exchange ex) {
        return new Viewer(core.authorizer(), ex.principal().orElse(null));
    }

    /** The filter for this request, made from the state as it is now (after the JSON to filter was written). */
    ViewFilter filter(Exchange ex) {
        Viewer viewer = viewer(ex);
        return viewer.seesAll() ? new ViewFilter(viewer, null) : core.read(s -> new ViewFilter(viewer, s));
    }

    /** Under the state lock, for a SUBSCRIBE: its events as the viewer may see them. */
    OperatorListener listener(Viewer viewer, MasterState s, OperatorListener events) {
        return viewer.seesAll() ? events : new ViewedListener(viewer, s, events);
    }
}
