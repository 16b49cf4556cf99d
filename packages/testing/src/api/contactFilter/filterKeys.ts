/**
 * The contact attributes Chatwoot's filter knows, with the operators each accepts: the `contacts` section of
 * Chatwoot's lib/filters/filter_keys.yml. Any other key is looked up as a custom attribute definition of the account.
 */
export interface StandardFilterKey {
  /** `standard`: a column of `contacts`; `additional_attributes`: a key of that JSON column. */
  attributeType: 'standard' | 'additional_attributes';
  dataType: 'text' | 'text_case_insensitive' | 'labels' | 'date' | 'boolean';
  operators: readonly string[];
}

const TEXT_OPERATORS = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'] as const;
const EQUALITY_OPERATORS = ['equal_to', 'not_equal_to'] as const;
const DATE_OPERATORS = ['is_greater_than', 'is_less_than', 'days_before'] as const;

/** In the YAML's order: Chatwoot lists the keys in this order in its "Invalid attribute key" message. */
export const CONTACT_FILTER_KEYS: Readonly<Record<string, StandardFilterKey>> = {
  name: { attributeType: 'standard', dataType: 'text_case_insensitive', operators: TEXT_OPERATORS },
  // data_type "text": compared as stored, without LOWER() (Filters::FilterHelper#default_filter).
  phone_number: {
    attributeType: 'standard',
    dataType: 'text',
    operators: [...TEXT_OPERATORS, 'starts_with'],
  },
  email: { attributeType: 'standard', dataType: 'text_case_insensitive', operators: TEXT_OPERATORS },
  identifier: { attributeType: 'standard', dataType: 'text_case_insensitive', operators: EQUALITY_OPERATORS },
  country_code: { attributeType: 'additional_attributes', dataType: 'text_case_insensitive', operators: EQUALITY_OPERATORS },
  city: { attributeType: 'additional_attributes', dataType: 'text_case_insensitive', operators: TEXT_OPERATORS },
  company_name: { attributeType: 'additional_attributes', dataType: 'text_case_insensitive', operators: TEXT_OPERATORS },
  labels: { attributeType: 'standard', dataType: 'labels', operators: [...EQUALITY_OPERATORS, 'is_present', 'is_not_present'] },
  created_at: { attributeType: 'standard', dataType: 'date', operators: DATE_OPERATORS },
  last_activity_at: { attributeType: 'standard', dataType: 'date', operators: DATE_OPERATORS },
  blocked: { attributeType: 'standard', dataType: 'boolean', operators: EQUALITY_OPERATORS },
};

/** How Chatwoot casts a custom attribute for comparison, by its display type (FilterService::ATTRIBUTE_TYPES). */
export const CUSTOM_ATTRIBUTE_CASTS = {
  text: 'text',
  link: 'text',
  list: 'text',
  number: 'numeric',
  date: 'date',
  checkbox: 'boolean',
} as const;

export type CustomAttributeDisplayType = keyof typeof CUSTOM_ATTRIBUTE_CASTS;
export type CustomAttributeCast = (typeof CUSTOM_ATTRIBUTE_CASTS)[CustomAttributeDisplayType];
