package dev.microdrop.core.fulfilment;

/** Port in: turn one paid order into its pick ticket or pickup notice. */
public interface FulfilmentUseCase {

    FulfilmentOutcome fulfil(String orderId);
}
