/**
 * Work spread over spare cores whose results still come back in the order the work was given:
 * rule files parsed ahead of the loader, batches of events parsed and matched ahead of the
 * thread that writes the matches.
 */
package org.unmask.concurrent;
