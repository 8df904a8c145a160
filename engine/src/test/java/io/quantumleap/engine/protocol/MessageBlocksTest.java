package io.quantumleap.engine.protocol;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageBlocksTest
{
    private static final int VERSION_1_REJECT_BLOCK = 52;

    @Test
    void shouldHaveEveryMessageOfTheSchemaWithItsWholeBlockAtThisVersion() throws Exception
    {
        final List<String> named = new ArrayList<>();
        for (final Element message : messages())
        {
            final Class<?> decoder = Class.forName(
                "io.quantumleap.engine.protocol." + message.getAttribute("name") + "Decoder");
            named.add(decoder.getSimpleName());
            assertTrue(MessageBlocks.DECODERS.contains(decoder), decoder.getSimpleName());
            assertEquals(Integer.parseInt(message.getAttribute("id")), decoder.getField("TEMPLATE_ID").getInt(null));
            assertEquals(decoder.getField("BLOCK_LENGTH").getInt(null), MessageBlocks.minimum(
                Integer.parseInt(message.getAttribute("id")), MessageHeaderDecoder.SCHEMA_VERSION),
                decoder.getSimpleName());
        }
        assertEquals(named.size(), MessageBlocks.DECODERS.size(), named.toString());
    }

    @Test
    void shouldEndAnOlderBlockBeforeTheFirstFieldTheSchemaAddedAfterIt() throws Exception
    {
        int versioned = 0;
        for (final Element message : messages())
        {
            final int templateId = Integer.parseInt(message.getAttribute("id"));
            final Class<?> decoder = Class.forName(
                "io.quantumleap.engine.protocol." + message.getAttribute("name") + "Decoder");
            final NodeList children = message.getChildNodes();
            for (int i = 0; i < children.getLength(); i++)
            {
                if (children.item(i) instanceof Element field && "field".equals(field.getTagName()) &&
                    !field.getAttribute("sinceVersion").isEmpty())
                {
                    final int since = Integer.parseInt(field.getAttribute("sinceVersion"));
                    final int offset = (int)decoder.getMethod(field.getAttribute("name") + "EncodingOffset")
                        .invoke(null);
                    final String where = message.getAttribute("name") + "." + field.getAttribute("name");
                    assertTrue(MessageBlocks.minimum(templateId, since - 1) <= offset, where);
                    assertTrue(MessageBlocks.minimum(templateId, since) > offset, where);
                    versioned++;
                }
            }
        }
        assertEquals(9, versioned);
    }

    @Test
    void shouldKnowTheBlocksOlderJournalsWereWrittenWith()
    {
        assertEquals(VERSION_1_REJECT_BLOCK, MessageBlocks.minimum(RejectEventDecoder.TEMPLATE_ID, 1));
        assertEquals(RejectEventDecoder.BLOCK_LENGTH, MessageBlocks.minimum(RejectEventDecoder.TEMPLATE_ID, 2));
        assertEquals(OrderEventDecoder.externalEncodingOffset(),
            MessageBlocks.minimum(OrderEventDecoder.TEMPLATE_ID, 1));
        assertEquals(OrderEventDecoder.disclosedQtyEncodingOffset(),
            MessageBlocks.minimum(OrderEventDecoder.TEMPLATE_ID, 2));
        assertEquals(OrderEventDecoder.disclosedQtyEncodingOffset(),
            MessageBlocks.minimum(OrderEventDecoder.TEMPLATE_ID, 6));
        assertEquals(OrderEventDecoder.BLOCK_LENGTH, MessageBlocks.minimum(OrderEventDecoder.TEMPLATE_ID, 7));
        assertEquals(OrderUpdateCommandDecoder.parentOrderIdEncodingOffset(),
            MessageBlocks.minimum(OrderUpdateCommandDecoder.TEMPLATE_ID, 3));
        assertEquals(OrderUpdateCommandDecoder.BLOCK_LENGTH,
            MessageBlocks.minimum(OrderUpdateCommandDecoder.TEMPLATE_ID, 4));
        assertEquals(PlaceOrderCommandDecoder.BLOCK_LENGTH,
            MessageBlocks.minimum(PlaceOrderCommandDecoder.TEMPLATE_ID, 1));
    }

    @Test
    void shouldAnswerNothingForAnUnknownTemplateAndThisVersionsBlockForANewerOne()
    {
        assertEquals(0, MessageBlocks.minimum(999, 1));
        assertEquals(0, MessageBlocks.minimum(-1, 1));
        assertEquals(0, MessageBlocks.minimum(4, 1));
        assertEquals(OrderEventDecoder.BLOCK_LENGTH,
            MessageBlocks.minimum(OrderEventDecoder.TEMPLATE_ID, MessageHeaderDecoder.SCHEMA_VERSION + 3));
        assertEquals(OrderEventDecoder.externalEncodingOffset(),
            MessageBlocks.minimum(OrderEventDecoder.TEMPLATE_ID, 0));
    }

    private static List<Element> messages() throws Exception
    {
        final NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new File("src/main/resources/sbe/quantumleap-schema.xml")).getElementsByTagName("sbe:message");
        final List<Element> messages = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++)
        {
            messages.add((Element)nodes.item(i));
        }
        return messages;
    }
}
