/** A jurisdiction's name as the Checks tab shows it, from its id in the requirements file. */
export function jurisdictionName(id: string): string {
  const names: Record<string, string> = {
    eu: 'EU and EEA (GDPR)',
    uk: 'United Kingdom (UK GDPR)',
    'us-ca': 'California (CCPA, CalOPPA)',
    'us-states': 'Other US states',
    'us-children': 'Children under 13 (COPPA)',
    'us-wa': 'Washington health data (MHMDA)',
    'eu-ai-act': 'EU AI Act',
    general: 'Good practice everywhere',
  };
  return names[id] ?? id;
}
