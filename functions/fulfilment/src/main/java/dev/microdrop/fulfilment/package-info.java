/** The fulfilment function: turns paid orders into pick tickets and pickup notices. */
package dev.microdrop.fulfilment;
