package org.unmask.enrich; import java.nio.file.Path; final class CatalogueGenerator { static void generate(Path d, Path o) {} }
