package io.plumbery.engine.cloudconfig;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;

import java.util.ArrayList;
import java.util.List;

/** What polish says about a node's cloud-config before it applies it, without refusing it. */
public final class CloudConfigWarnings {

    private CloudConfigWarnings() {
    }

    /** @param loginUser the user polish logs in as (the plan's key, password-less sudo) */
    public static List<String> of(CloudConfigDocument document, String loginUser) {
        List<String> warnings = new ArrayList<>();
        if (document.redefinesUser(loginUser)) {
            warnings.add("its cloud-config redefines the login user '" + loginUser + "' under 'users': polish logs in"
                    + " as that user, so keep the plan's key and password-less sudo for it, or polish is locked out");
        }
        List<String> unapplied = document.unappliedKeys();
        if (!unapplied.isEmpty()) {
            warnings.add("its cloud-config keys " + String.join(", ", unapplied) + " are not applied: polish runs"
                    + " no cloud-init module that reads them");
        }
        return warnings;
    }
}
