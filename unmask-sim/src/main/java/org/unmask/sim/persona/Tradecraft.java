package org.unmask.sim.persona;

/**
 * One technique a hidden worker or their facilitator uses (THREAT.md section 1). A persona samples a
 * subset, so no single detector sees every persona. The names appear verbatim in truth.json.
 */
public enum Tradecraft {
  /** The laptop sits in a laptop farm with other personas' laptops: one address, one IP, one Wi-Fi BSSID (S15, S16). */
  LAPTOP_FARM,
  /** devices.csv ship-to is the farm, not the claimed home (S16). */
  SHIPPED_TO_FARM,
  /** A payroll mailing_address change to the farm shortly before the laptop ships (S16). */
  READDRESSED_TO_FARM,
  /** Several hires claim the farm as their home address (S16). */
  HOME_IS_FARM,
  /** A lone laptop shipped to a facilitator's address that is not the claimed home (S16). */
  SHIPPED_TO_FACILITATOR,
  /** PiKVM default USB gadget and EDID (S1, S2). */
  PIKVM,
  /** TinyPilot default USB gadget and EDID (S3, S4). */
  TINYPILOT,
  /** An IP-KVM with spoofed ids: a Dell/Logitech keyboard VID:PID from a Linux gadget, an EDID whose name contradicts its maker (S5). */
  SPOOFED_KVM,
  /** AnyDesk, TeamViewer, Chrome Remote Desktop, RustDesk... installed days after delivery (S7, S8). */
  RMM_AFTER_DELIVERY,
  /** Sign-ins through an Astrill-like VPN exit (S10). */
  VPN_SIGNIN,
  /** Sign-ins from hosting/datacenter addresses (S10). */
  HOSTING_SIGNIN,
  /** A rare sign-in straight from China, Russia or the DPRK's own block (S11). */
  FOREIGN_SIGNIN,
  /** The laptop is driven during the operators' day in UTC+8/+9, which is the US night (S12). */
  ASIA_HOURS,
  /** Days stretched over both US and Asian hours (two shifts, or one operator covering two jobs) (S12, S23). */
  STRETCHED_DAY,
  /** ko-KR keyboard layout on a persona claiming no Korean background (S13). */
  KOREAN_KEYBOARD,
  /** The device clock set to Asia/Seoul, Asia/Shanghai or Asia/Pyongyang at times (S12). */
  ASIAN_DEVICE_TIMEZONE,
  /** Salary moved to a bank account shared with other personas (S17). */
  SHARED_BANK_ACCOUNT,
  /** Salary paid to a shell company payee (S17, S18). */
  SHELL_COMPANY_PAYEE,
  /** Clones/zip downloads of restricted repositories and large uploads to file-sharing sites (S22). */
  EXFILTRATION,
  /** The applicant shares a photo, resume, phone, email or national id with other applicants (S19). */
  APPLICANT_RING,
  /** LinkedIn/GitHub profiles a few months old, or padded with followers but created recently (S25). */
  YOUNG_PROFILE
}
