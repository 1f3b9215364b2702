/**
 * osquery result-log adapter: {@code usb_devices}, process and keyboard-layout/locale queries onto
 * {@code endpoint.usb}, {@code endpoint.process} and {@code endpoint.inventory}.
 */
package org.unmask.ingest.osquery;
