package dev.wslab.docs;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.catalog.RobustnessProbes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the parts of the reference pages that are generated from the code, so that they never drift from
 * it: the conformance case catalog, the RFC traceability table, the close code table and the robustness
 * probes' pinned results for wslab and Undertow. The docs build
 * runs it before Asciidoctor; the pages include its output from {@code {generated}}.
 */
public final class GenerateReferencePages {

    private GenerateReferencePages() {
    }

    /**
     * Writes the generated parts.
     *
     * @param args the folder to write into, then the repository's root folder
     */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        List<ConformanceCase> catalog = new ArrayList<>(AutobahnCatalog.everything());
        catalog.addAll(RobustnessProbes.cases());
        Files.writeString(out.resolve("catalog-table.adoc"), CatalogPage.render(catalog));
        Files.writeString(out.resolve("traceability-table.adoc"),
                TraceabilityPage.render(TraceabilityPage.rows(root, catalog)));
        Files.writeString(out.resolve("close-code-table.adoc"), CloseCodeTablePage.render());
        ProbeResultsPage.write(out, root);
    }
}
