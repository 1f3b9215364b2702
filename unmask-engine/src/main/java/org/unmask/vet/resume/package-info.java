/**
 * Resume reuse: one resume, lightly edited and with another name on top, sent under several
 * identities. Text comes from plain files or PDFs read under memory, page, size and time limits;
 * near-duplicates are found with MinHash signatures over word shingles and LSH banding.
 */
package org.unmask.vet.resume;
