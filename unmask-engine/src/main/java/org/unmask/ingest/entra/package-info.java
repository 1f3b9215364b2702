/**
 * Microsoft Entra ID (Azure AD) sign-in log adapter: Graph and Azure Monitor shapes onto
 * {@code idp.signin}; other Entra records kept as {@code entra.audit}.
 */
package org.unmask.ingest.entra;
