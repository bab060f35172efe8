/**
 * The built-in SCRIPT executor: shell, bash, python3 or host-configured interpreters, run as a
 * process tree with a minimal environment, output capped into the run log, killed on timeout and
 * cancellation. Every parameter and return value is non-null unless marked.
 */
@ParametersAreNonnullByDefault
package io.chronos.executor.script;

import javax.annotation.ParametersAreNonnullByDefault;
