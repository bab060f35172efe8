/**
 * The HTTP executor: one request per run through {@link java.net.http.HttpClient}, with SSRF
 * protection, secret-aware logging and failure classes the retry policy understands. Every
 * parameter and return value is non-null unless marked.
 */
@ParametersAreNonnullByDefault
package io.chronos.executor.http;

import javax.annotation.ParametersAreNonnullByDefault;
