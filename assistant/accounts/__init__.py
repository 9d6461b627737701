"""Who is signed in: customers by signed link, support agents by password, each with a role.
Identities and credentials only; never reads a customer's records."""
