/**
 * The REST API under {@code /api/v1}: one class per resource, each route declared once in
 * {@link org.unmask.server.api.Api} with its method, path, role and summary, so the router and the
 * OpenAPI document are built from the same table and cannot drift apart. Every response is JSON in
 * UTF-8; every error is {@code {"error":{"status","code","message"}}} with a message that says what
 * to fix.
 */
package org.unmask.server.api;
