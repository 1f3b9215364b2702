package org.unmask.sim.negatives;

/**
 * Innocent situations that look like the threat to a naive rule (THREAT.md section 4). Each is
 * labelled in truth.json so evaluation can count false cases per kind.
 */
public enum HardNegative {
  /** Couples or roommates: same claimed address, home IP and Wi-Fi. */
  SHARED_HOME,
  /** A couple whose salaries go to one joint account. */
  JOINT_ACCOUNT,
  /** People in the same city sharing a co-working space's egress IP on weekdays. */
  COWORKING,
  /** Staff who go into the office; its egress is on an {@code allow:office} watchlist row. */
  OFFICE,
  /** Fixed-wireless, satellite or mobile home internet: strangers in different cities share addresses. */
  CGNAT,
  /** Trips abroad, including Korea, Japan and China, with mobile roaming. */
  TRAVELLER,
  /** A consumer privacy VPN on sign-ins. */
  PRIVACY_VPN,
  /** IT staff running a sanctioned RMM tool. */
  IT_RMM,
  /** Late, regular hours. */
  NIGHT_OWL,
  /** Engineers paged at night during on-call weeks. */
  ON_CALL,
  /** Korean-, Chinese- or Spanish-speaking US residents with their keyboard layouts. */
  FOREIGN_KEYBOARD,
  /** Engineers plugging in Raspberry Pi gadgets (Linux Foundation 1d6b ids with kernel strings). */
  RASPBERRY_PI,
  /** A desk KVM switch (ATEN, Belkin) shared with a personal computer. */
  KVM_SWITCH,
  /** A laptop shipped to the office or to a relative, not to the home address. */
  SHIPPED_ELSEWHERE,
  /** A legitimate change of salary bank account. */
  BANK_CHANGE,
  /** A contractor paid through their own company (payee is an LLC bearing their name). */
  CONTRACTOR_LLC,
  /** Marketing staff uploading large videos. */
  LARGE_UPLOAD,
  /** New graduates whose LinkedIn and GitHub are young. */
  NEW_GRAD
}
