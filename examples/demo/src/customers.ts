/**
 * The demo's "user database": who logged in through the demo form. A real app has its own; what matters is that
 * the server decides the identifier and knows the phone number, the key used to match the Chatwoot contact later.
 */

export interface DemoCustomer {
  /** This app's id for the person: the Chatwoot `identifier`. */
  identifier: string;
  name: string;
  email: string | null;
  /** E.164, as normalised at login. */
  phone: string;
}

export interface CustomerDirectory {
  /** Finds the customer with this phone number or adds one; logging in again updates name and email. */
  logIn(input: { name: string; email: string | null; phone: string }): DemoCustomer;
  byIdentifier(identifier: string): DemoCustomer | undefined;
}

export function createCustomerDirectory(): CustomerDirectory {
  const byPhone = new Map<string, DemoCustomer>();
  const byId = new Map<string, DemoCustomer>();
  return {
    logIn(input) {
      const known = byPhone.get(input.phone);
      const customer: DemoCustomer = {
        identifier: known?.identifier ?? `customer-${byPhone.size + 1}`,
        name: input.name,
        email: input.email,
        phone: input.phone,
      };
      byPhone.set(customer.phone, customer);
      byId.set(customer.identifier, customer);
      return customer;
    },
    byIdentifier: (identifier) => byId.get(identifier),
  };
}
