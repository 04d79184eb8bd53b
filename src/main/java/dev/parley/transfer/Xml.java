package dev.parley.transfer;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reading export XML (Disqus, WordPress) with the JDK's StAX, safely: DTDs and external entities
 * are off, and a document that declares a DTD at all is refused (no export has one; an XXE payload
 * needs one). Records are read one at a time into a small tree, so memory follows one record, not
 * the file.
 */
final class Xml {
    private Xml() {
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory.createXMLStreamReader(in);
    }

    /** Moves to the next start tag (refusing a DTD on the way); false at the end of the document. */
    static boolean nextStart(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD) {
                throw new XMLStreamException("a document type declaration (DTD) is refused", r.getLocation());
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    /** One element and everything in it, read from its start tag (where {@code r} is) to its end tag. */
    static Element read(XMLStreamReader r) throws XMLStreamException {
        Element element = new Element(r.getNamespaceURI(), r.getLocalName());
        for (int i = 0; i < r.getAttributeCount(); i++) {
            element.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> element.children.add(read(r));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        element.text.append(r.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return element;
                }
                default -> {
                    // comments and processing instructions say nothing about comments
                }
            }
        }
        throw new XMLStreamException("the document ends inside <" + element.name + ">", r.getLocation());
    }

    /** An element: its namespace and local name, attributes by local name, text and children. */
    static final class Element {
        final String namespace;
        final String name;
        final Map<String, String> attributes = new HashMap<>();
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();

        Element(String namespace, String name) {
            this.namespace = namespace == null ? "" : namespace;
            this.name = name;
        }

        /** The first child of this name, or null. */
        Element child(String local) {
            for (Element child : children) {
                if (child.name.equals(local)) {
                    return child;
                }
            }
            return null;
        }

        /** The text of the child at this path of names, trimmed; "" when there is none. */
        String text(String... path) {
            Element e = this;
            for (String local : path) {
                e = e.child(local);
                if (e == null) {
                    return "";
                }
            }
            return e.text.toString().strip();
        }

        String attribute(String local) {
            return attributes.getOrDefault(local, "");
        }
    }
}
