// Paying with Stripe where the drop's stack configures a publishable key: Stripe.js is loaded only now, when the
// buyer pays (the storefront's first load makes no third-party request), and the Payment Element collects the card
// for the order's payment intent (its client secret, from the checkout's answer).
interface StripeJs {
  elements(options: { clientSecret: string }): { create(type: 'payment'): { mount(element: HTMLElement): void } };
  confirmPayment(options: { elements: unknown; redirect: 'if_required'; confirmParams: { return_url: string } }):
    Promise<{ error?: { message?: string } }>;
}

declare global {
  interface Window {
    Stripe?: (publishableKey: string) => StripeJs;
  }
}

function loadStripeJs(): Promise<void> {
  if (window.Stripe) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'https://js.stripe.com/v3/';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('Stripe.js did not load'));
    document.head.appendChild(script);
  });
}

/** Shows the card form in {@code container}; resolves true once Stripe confirms the payment. */
export async function payWithStripe(publishableKey: string, clientSecret: string, container: HTMLElement,
  returnUrl: string): Promise<boolean> {
  try {
    await loadStripeJs();
  } catch {
    return false;
  }
  const stripe = window.Stripe!(publishableKey);
  const elements = stripe.elements({ clientSecret });
  elements.create('payment').mount(container);
  const confirm = document.createElement('button');
  confirm.type = 'button';
  confirm.textContent = 'Confirm payment';
  container.after(confirm);
  return new Promise((resolve) => {
    confirm.addEventListener('click', async () => {
      const { error } = await stripe.confirmPayment({ elements, redirect: 'if_required',
        confirmParams: { return_url: returnUrl } });
      confirm.remove();
      resolve(!error);
    }, { once: true });
  });
}
