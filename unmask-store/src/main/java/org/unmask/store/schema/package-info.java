/**
 * The database behind the store: where it is ({@code jdbc:} URL or an embedded H2 file), the one
 * schema and its Flyway migrations (the same portable SQL for H2 and PostgreSQL, in
 * {@code db/unmask}), pooled connections (HikariCP) and transactions.
 */
package org.unmask.store.schema;
