/**
 * API tokens: who may call the server, in which role. A token is 256 random bits shown once at
 * creation; the store keeps only its SHA-256 hash, so a request is authenticated by hashing what it
 * presents and looking the hash up (no secret is ever compared byte by byte). Creating and revoking
 * tokens is audited.
 */
package org.unmask.store.tokens;
