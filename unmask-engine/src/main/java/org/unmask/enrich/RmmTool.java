package org.unmask.enrich;

import java.util.List;

/**
 * One remote monitoring / remote access tool from the LOLRMM catalogue (Apache-2.0, magicsword-io).
 * Names, signers and domains are as LOLRMM gives them; process names and domains are lower-case.
 *
 * @param name the tool's name ({@code AnyDesk})
 * @param category LOLRMM's category ({@code RMM}, {@code RAT}, ...)
 * @param website the vendor's site, or empty
 * @param processNames executable file names (PE file name, original file name, executables among
 *     the disk artifacts and installation paths); may contain {@code *} wildcards
 * @param installationPaths installation paths as LOLRMM writes them (with its wildcards)
 * @param signers code-signing subject names (organisation / common name)
 * @param domains network domains; {@code *} is a wildcard ({@code *.anydesk.com})
 * @param serviceNames Windows service names from LOLRMM's service-install artifacts
 */
public record RmmTool(
    String name,
    String category,
    String website,
    List<String> processNames,
    List<String> installationPaths,
    List<String> signers,
    List<String> domains,
    List<String> serviceNames) {

  public RmmTool {
    processNames = List.copyOf(processNames);
    installationPaths = List.copyOf(installationPaths);
    signers = List.copyOf(signers);
    domains = List.copyOf(domains);
    serviceNames = List.copyOf(serviceNames);
  }
}
