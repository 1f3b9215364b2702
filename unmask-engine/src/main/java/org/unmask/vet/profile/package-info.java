/**
 * Profile padding: a senior engineer whose LinkedIn and GitHub accounts are weeks old and empty.
 * Account age and size are judged against the experience the applicant claims, so a new
 * graduate's young, small profile stays quiet.
 */
package org.unmask.vet.profile;
