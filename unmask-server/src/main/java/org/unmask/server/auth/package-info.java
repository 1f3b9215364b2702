/**
 * Who may call what. Each route declares the least role it needs ({@link org.unmask.server.auth.Access});
 * a before-handler checks the bearer token against the store's hashed tokens and the token's role
 * against the route's, answering 401 (no, unknown or revoked token) or 403 (role too low) before
 * any handler runs.
 */
package org.unmask.server.auth;
