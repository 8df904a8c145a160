package io.quantumleap.engine.sim;

/**
 * A parsed and syntactically valid place or modify request; fields not sent are null. Prices are in the
 * instrument's unit once the instrument is known ({@code priceText} and {@code triggerPriceText} hold what was
 * sent until then).
 */
final class OrderRequest
{
    String variety;
    String exchange;
    String tradingsymbol;
    String transactionType;
    String orderType;
    Long quantity;
    String product;
    Long pricePaise;
    Long triggerPricePaise;
    Long disclosedQuantity;
    String validity;
    Integer validityTtl;
    String tag;
    Double marketProtection;
    boolean autoslice;
    String priceText;
    String triggerPriceText;
    Integer icebergLegs;
    Long icebergQuantity;
    String auctionNumber;
    String parentOrderId;
}
