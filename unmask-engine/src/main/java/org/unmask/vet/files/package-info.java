/**
 * The dataset's {@code files/} folder as attackers see it: applicants.csv names files there, and
 * a name such as {@code ../../etc/passwd} or a symlink out of the folder must never be read.
 */
package org.unmask.vet.files;
