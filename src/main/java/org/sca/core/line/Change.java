package org.sca.core.line;

import org.sca.core.AppearanceEvent;
import org.sca.core.AppearanceState;
import org.sca.core.LineState;

/** What one change of a {@link Line} means for the phones watching it. */
public sealed interface Change {

    /** Phones already see the line as it is: no NOTIFY. */
    record Unseen() implements Change {}

    /** {@link org.sca.core.Transitions} does not allow the event in that state: nothing changed. */
    record Refused(int index, AppearanceState state, AppearanceEvent event) implements Change {}

    /** What phones see has changed: this view goes to every call-info subscriber. */
    record Shown(LineState view) implements Change {}
}
