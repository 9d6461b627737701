"""The sample's purposes and their legal bases, as in purposes.yaml (--check compares the two)."""

PURPOSE_BASIS = {
    "personalized_offers": "consent",
    "email_marketing": "consent",
    "partner_advertising": "consent",
    "contextual_offers": "legitimate_interest",
    "order_fulfilment": "contract",
    "fraud_prevention": "legitimate_interest",
    "legal_compliance": "legal_obligation",
    "fitness_features": "consent",
    "service_improvement": "legitimate_interest",
}
CONSENT_PURPOSES = ["personalized_offers", "email_marketing", "partner_advertising", "fitness_features"]
