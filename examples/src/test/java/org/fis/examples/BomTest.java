package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * fis-bom against the reactor: it lists every published suite artifact, and only suite artifacts,
 * so a module added to the root POM without its BOM line (or a BOM line for a module that is not
 * published) fails the build.
 */
class BomTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void the_bom_lists_exactly_the_published_jar_modules_of_the_reactor() throws Exception {
    TreeSet<String> published = new TreeSet<>();
    for (String module : texts(pom(ROOT.resolve("pom.xml")), "modules", "module")) {
      Document pom = pom(ROOT.resolve(module).resolve("pom.xml"));
      String packaging = child(pom.getDocumentElement(), "packaging");
      if (packaging != null && !packaging.equals("jar")) {
        continue;
      }
      if ("true".equals(property(pom, "maven.deploy.skip"))) {
        continue;
      }
      published.add(child(pom.getDocumentElement(), "artifactId"));
    }
    Document bom = pom(ROOT.resolve("fis-bom/pom.xml"));
    TreeSet<String> listed = new TreeSet<>();
    for (Element dependency : elements(bom, "dependencyManagement", "dependency")) {
      assertThat(child(dependency, "groupId")).as("only suite artifacts").isEqualTo("org.fis");
      assertThat(child(dependency, "version")).isEqualTo("${project.version}");
      listed.add(child(dependency, "artifactId"));
    }
    assertThat(published).contains("fis-ledger", "fis-measure-math", "fis-testing");
    assertThat(listed).isEqualTo(published);
  }

  @Test
  void the_bom_has_no_parent_so_it_manages_no_third_party_version() throws Exception {
    Document bom = pom(ROOT.resolve("fis-bom/pom.xml"));
    assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength()).isZero();
    assertThat(child(bom.getDocumentElement(), "version"))
        .isEqualTo(child(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
  }

  private static Document pom(Path file) throws Exception {
    assertThat(file).exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  /** The text of a direct child element, or null. */
  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }

  private static String property(Document pom, String name) {
    NodeList properties = pom.getDocumentElement().getElementsByTagName("properties");
    for (int i = 0; i < properties.getLength(); i++) {
      if (properties.item(i).getParentNode() == pom.getDocumentElement()) {
        return child((Element) properties.item(i), name);
      }
    }
    return null;
  }

  /** The elements named leaf under the top-level section named section. */
  private static List<Element> elements(Document pom, String section, String leaf) {
    List<Element> found = new ArrayList<>();
    NodeList sections = pom.getDocumentElement().getElementsByTagName(section);
    for (int i = 0; i < sections.getLength(); i++) {
      if (sections.item(i).getParentNode() != pom.getDocumentElement()) {
        continue;
      }
      NodeList leaves = ((Element) sections.item(i)).getElementsByTagName(leaf);
      for (int j = 0; j < leaves.getLength(); j++) {
        found.add((Element) leaves.item(j));
      }
    }
    return found;
  }

  private static List<String> texts(Document pom, String section, String leaf) {
    return elements(pom, section, leaf).stream().map(e -> e.getTextContent().trim()).toList();
  }
}
