/**
 * Reference data: the HR roster, devices, applicants, payroll changes and watchlists of a dataset
 * (the CSV files of the contract), as immutable records with the lookups detectors need.
 */
package org.unmask.reference;
