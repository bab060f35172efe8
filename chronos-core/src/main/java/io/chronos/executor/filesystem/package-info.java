/**
 * The built-in FILE_SYSTEM executor: copy, move, delete, mkdir, list, zip/unzip, gzip/gunzip and
 * age-based clean-up, confined to a configured base directory. Every parameter and return value is
 * non-null unless marked.
 */
@ParametersAreNonnullByDefault
package io.chronos.executor.filesystem;

import javax.annotation.ParametersAreNonnullByDefault;
