import type { Framework } from '../types';

// Subpart letters: OSHA's Part 1910 table of contents. Sections from the reference set (an old OSHA table of
// contents for Subparts A, F, G, checked against the current one below; current copies for 1910.6, .21,
// .132–.138, .146, .147, .307, .1200, .1450) and, beyond it, sections seen this session:
//   1910.9, 1910.22–1910.30, 1910.33–1910.39: OSHA Part 1910 table of contents (post-2016 Subpart D),
//     https://osha.gov/pls/oshaweb/owadisp.show_document?p_id=9696&p_table=standards, and
//     https://www.osha.gov/laws-regs/regulations/standardnumber/1910/1910.33
//   1910.101, 1910.106, 1910.119, 1910.120: Subpart H list in an OSHA-outreach deck
//     (https://www.slideshare.net/slideshow/flammablehazardousmaterials-free-download/266834473);
//     1910.119 also https://omb.report/icr/201605-1218-004/doc/64950301 (e-CFR copy, 2013)
//   1910.151: https://www.govinfo.gov/content/pkg/CFR-2002-title29-vol5/html/CFR-2002-title29-vol5-sec1910-151.htm
//   1910.155–1910.165: Subpart L list, https://studylib.net/doc/25875132/fire-protection- ; 1910.156 also labor.nc.gov
//   1910.176–1910.184: Subpart N list, https://powershow.com./view3/4d7a01-ZTNmY/Material_Handling_Subpart_N_powerpoint_ppt_presentation ;
//     1910.178 also https://omb.report/icr/201106-1218-006/doc/25765001 (CFR 2010 copy)
//   1910.211–1910.219: https://www.osha.gov/SLTC/machineguarding/standards.html (1910.214 is reserved, not shipped)
//   1910.301: https://www.pdhonline.com/courses/e103/osha1910_301-new.htm (OSHA text; it also names 1910.399 Definitions)
//   1910.302–1910.308, 1910.331–1910.333: https://www.osha.gov/electrical-contractors/standards
//   1910.1000: https://www.labor.nc.gov/subpart-z-toxic-and-hazardous-substances and up.codes (Subpart Z list)
//   1910.1020: old OSHA table of contents (scribd), "1910.20 [Redesignated as 1910.1020]"
//   1910.1030: https://www.osha.gov/laws-regs/regulations/standardnumber/1910/1910.1030, as linked from public
//     GitHub resource lists ("OSHA 1910.1030 Bloodborne Pathogens")
export const framework: Framework = {
  code: '29CFR1910',
  family: '29CFR1910',
  name: '29 CFR Part 1910 — OSHA general industry standards',
  shortName: 'OSHA 29 CFR 1910',
  version: 'eCFR (Subpart D as revised in 2016)',
  category: 'Health and safety',
  publisher: 'Occupational Safety and Health Administration',
  status: 'current',
  text: 'public-domain',
  source: { name: 'OSHA, 29 CFR Part 1910 table of contents and standard pages', url: 'https://osha.gov/pls/oshaweb/owadisp.show_document?p_id=9696&p_table=standards' },
  coverage: 'partial',
  coverageNote:
    'All subparts, and the sections SOPs cite most: Subparts A, D, E, F, I, O and S in full or nearly, plus lockout/tagout (1910.147), confined spaces (1910.146), first aid (1910.151), fire protection (1910.155–.165), materials handling (1910.176–.184), process safety (1910.119), HAZWOPER (1910.120), bloodborne pathogens (1910.1030), hazard communication (1910.1200) and laboratories (1910.1450). Not yet listed: the remaining sections of Subparts B, G, H, J, K, M, P, Q, R, T and Z (e.g. 1910.141 sanitation, 1910.242 hand tools, 1910.252 welding, the substance-specific Subpart Z standards); cite those at subpart level.',
  reference: { framework: /^29 CFR Part 1910\b/ },
  clauses: [
    { id: 'Subpart A', title: 'General', group: true },
    { id: '1910.1', title: 'Purpose and scope' },
    { id: '1910.2', title: 'Definitions' },
    { id: '1910.3', title: 'Petitions for issuing, amending, or repealing a standard' },
    { id: '1910.4', title: 'Amendments to this part' },
    { id: '1910.5', title: 'Applicability of standards' },
    { id: '1910.6', title: 'Incorporation by reference' },
    { id: '1910.7', title: 'Nationally recognized testing laboratories', keywords: ['nrtl', 'ul listed'] },
    { id: '1910.8', title: 'OMB control numbers under the Paperwork Reduction Act' },
    { id: '1910.9', title: 'Compliance duties owed to each employee' },

    { id: 'Subpart B', title: 'Adoption and extension of established federal standards' },

    { id: 'Subpart D', title: 'Walking-working surfaces', group: true, keywords: ['ladder', 'floor', 'slip', 'fall'] },
    { id: '1910.21', title: 'Scope and definitions' },
    { id: '1910.22', title: 'General requirements (walking-working surfaces)', keywords: ['housekeeping', 'wet floor', 'trip hazard', 'walkway'] },
    { id: '1910.23', title: 'Ladders', keywords: ['ladder', 'step stool'] },
    { id: '1910.24', title: 'Step bolts and manhole steps', keywords: ['step bolt', 'manhole'] },
    { id: '1910.25', title: 'Stairways', keywords: ['stairway', 'stairs', 'handrail'] },
    { id: '1910.26', title: 'Dockboards', keywords: ['dockboard', 'dock plate', 'dock leveler'] },
    { id: '1910.27', title: 'Scaffolds and rope descent systems', keywords: ['scaffold', 'rope descent'] },
    { id: '1910.28', title: 'Duty to have fall protection and falling object protection', keywords: ['fall protection', 'guardrail', 'unprotected edge', 'toeboard'] },
    { id: '1910.29', title: 'Fall protection systems and falling object protection: criteria and practices', keywords: ['harness', 'lanyard', 'anchorage', 'safety net'] },
    { id: '1910.30', title: 'Training requirements (walking-working surfaces)', keywords: ['fall hazard training', 'fall protection training'] },

    { id: 'Subpart E', title: 'Exit routes and emergency planning', group: true, keywords: ['emergency', 'evacuat', 'exit', 'fire'] },
    { id: '1910.33', title: 'Table of contents (Subpart E)' },
    { id: '1910.34', title: 'Coverage and definitions (exit routes)' },
    { id: '1910.35', title: 'Compliance with alternate exit-route codes' },
    { id: '1910.36', title: 'Design and construction requirements for exit routes', keywords: ['exit route', 'exit door'] },
    { id: '1910.37', title: 'Maintenance, safeguards, and operational features for exit routes', keywords: ['exit sign', 'exit route', 'blocked exit', 'emergency lighting'] },
    { id: '1910.38', title: 'Emergency action plans', keywords: ['emergency action plan', 'evacuat', 'assembly point', 'headcount', 'emergency procedure'] },
    { id: '1910.39', title: 'Fire prevention plans', keywords: ['fire prevention plan', 'ignition source', 'combustible waste', 'fire hazard'] },

    { id: 'Subpart F', title: 'Powered platforms, manlifts, and vehicle-mounted work platforms', group: true },
    { id: '1910.66', title: 'Powered platforms for building maintenance', keywords: ['powered platform', 'window washing', 'building maintenance platform'] },
    { id: '1910.67', title: 'Vehicle-mounted elevating and rotating work platforms', keywords: ['aerial lift', 'bucket truck', 'boom lift', 'cherry picker'] },
    { id: '1910.68', title: 'Manlifts', keywords: ['manlift'] },

    { id: 'Subpart G', title: 'Occupational health and environmental control', group: true, keywords: ['noise', 'ventilation', 'radiation'] },
    { id: '1910.94', title: 'Ventilation', keywords: ['local exhaust', 'abrasive blasting', 'spray booth', 'dust collection'] },
    { id: '1910.95', title: 'Occupational noise exposure', keywords: ['hearing protection', 'hearing conservation', 'earplug', 'earmuff', 'audiometric', 'decibel', 'dba'] },

    { id: 'Subpart H', title: 'Hazardous materials', group: true, keywords: ['flammable', 'hazardous material', 'ammonia', 'compressed gas', 'lpg'] },
    { id: '1910.101', title: 'Compressed gases (general requirements)', keywords: ['compressed gas', 'gas cylinder', 'cylinder cart', 'cylinder valve'] },
    { id: '1910.106', title: 'Flammable liquids', keywords: ['flammable liquid', 'flammable cabinet', 'safety can', 'bonding and grounding', 'solvent storage'] },
    { id: '1910.119', title: 'Process safety management of highly hazardous chemicals', keywords: ['process safety', 'psm', 'highly hazardous chemical', 'process hazard analysis', 'management of change'] },
    { id: '1910.120', title: 'Hazardous waste operations and emergency response', keywords: ['hazwoper', 'hazardous waste', 'spill response', 'hazmat team'] },

    { id: 'Subpart I', title: 'Personal protective equipment', group: true, keywords: ['ppe', 'glove', 'goggle', 'face shield', 'respirator', 'apron', 'protective', 'hi-vis', 'safety shoes', 'safety glasses'] },
    { id: '1910.132', title: 'General requirements (PPE)', keywords: ['hazard assessment', 'ppe training', 'ppe certification'] },
    { id: '1910.133', title: 'Eye and face protection', keywords: ['eye protection', 'face protection', 'splash goggle', 'face shield', 'safety glasses'] },
    { id: '1910.134', title: 'Respiratory protection', keywords: ['respirator', 'respiratory protection', 'fit test', 'n95', 'scba', 'cartridge'] },
    { id: '1910.135', title: 'Head protection', keywords: ['hard hat', 'head protection', 'bump cap'] },
    { id: '1910.136', title: 'Foot protection', keywords: ['safety shoes', 'safety boots', 'steel-toe', 'steel toe', 'foot protection'] },
    { id: '1910.137', title: 'Electrical protective equipment', keywords: ['insulating glove', 'rubber insulating', 'dielectric', 'electrical glove'] },
    { id: '1910.138', title: 'Hand protection', keywords: ['hand protection', 'cut-resistant', 'chemical-resistant glove', 'nitrile glove', 'neoprene glove'] },

    { id: 'Subpart J', title: 'General environmental controls', group: true, keywords: ['lockout', 'tagout', 'loto', 'confined space', 'energy isolation'] },
    { id: '1910.146', title: 'Permit-required confined spaces', keywords: ['confined space', 'permit-required', 'entry permit', 'entrant', 'attendant', 'atmospheric test'] },
    { id: '1910.147', title: 'The control of hazardous energy (lockout/tagout)', keywords: ['lockout', 'tagout', 'loto', 'energy isolation', 'zero energy', 'stored energy', 'energy control', 'isolation point'] },

    { id: 'Subpart K', title: 'Medical and first aid', group: true, keywords: ['first aid', 'eyewash', 'injury'] },
    { id: '1910.151', title: 'Medical services and first aid', keywords: ['first aid', 'first-aid kit', 'eyewash', 'safety shower', 'drench'] },

    { id: 'Subpart L', title: 'Fire protection', group: true, keywords: ['fire', 'extinguisher'] },
    { id: '1910.155', title: 'Scope, application and definitions (fire protection)' },
    { id: '1910.156', title: 'Fire brigades', keywords: ['fire brigade', 'fire team'] },
    { id: '1910.157', title: 'Portable fire extinguishers', keywords: ['fire extinguisher', 'extinguisher inspection', 'pass technique'] },
    { id: '1910.158', title: 'Standpipe and hose systems', keywords: ['standpipe', 'fire hose'] },
    { id: '1910.159', title: 'Automatic sprinkler systems', keywords: ['sprinkler'] },
    { id: '1910.160', title: 'Fixed extinguishing systems, general', keywords: ['fixed extinguishing', 'suppression system', 'hood suppression'] },
    { id: '1910.161', title: 'Fixed extinguishing systems, dry chemical', keywords: ['dry chemical system'] },
    { id: '1910.162', title: 'Fixed extinguishing systems, gaseous agent', keywords: ['clean agent', 'co2 system', 'gaseous agent'] },
    { id: '1910.163', title: 'Fixed extinguishing systems, water spray and foam', keywords: ['foam system', 'water spray system'] },
    { id: '1910.164', title: 'Fire detection systems', keywords: ['fire detection', 'smoke detector', 'heat detector'] },
    { id: '1910.165', title: 'Employee alarm systems', keywords: ['fire alarm', 'employee alarm', 'alarm pull station'] },

    { id: 'Subpart M', title: 'Compressed gas and compressed air equipment', keywords: ['compressed air', 'compressor', 'pressure vessel', 'steam sterilizer', 'autoclave'] },

    { id: 'Subpart N', title: 'Materials handling and storage', group: true, keywords: ['forklift', 'pallet', 'powered industrial truck', 'hoist', 'crane'] },
    { id: '1910.176', title: 'Handling materials: general', keywords: ['aisle', 'stacking', 'material storage', 'clearance sign'] },
    { id: '1910.177', title: 'Servicing multi-piece and single-piece rim wheels', keywords: ['rim wheel', 'tire inflation', 'tire cage'] },
    { id: '1910.178', title: 'Powered industrial trucks', keywords: ['forklift', 'powered industrial truck', 'lift truck', 'pallet jack', 'reach truck', 'operator evaluation'] },
    { id: '1910.179', title: 'Overhead and gantry cranes', keywords: ['overhead crane', 'gantry crane', 'bridge crane', 'hoist'] },
    { id: '1910.180', title: 'Crawler locomotive and truck cranes', keywords: ['mobile crane', 'truck crane', 'crawler crane'] },
    { id: '1910.181', title: 'Derricks', keywords: ['derrick'] },
    { id: '1910.183', title: 'Helicopters', keywords: ['helicopter'] },
    { id: '1910.184', title: 'Slings', keywords: ['sling', 'rigging', 'shackle'] },

    { id: 'Subpart O', title: 'Machinery and machine guarding', group: true, keywords: ['machine', 'guard', 'blade', 'mixer', 'slicer'] },
    { id: '1910.211', title: 'Definitions (machinery)' },
    { id: '1910.212', title: 'General requirements for all machines', keywords: ['machine guard', 'point of operation', 'pinch point', 'nip point', 'interlock', 'guard removed'] },
    { id: '1910.213', title: 'Woodworking machinery', keywords: ['woodworking', 'table saw', 'band saw', 'radial saw', 'jointer'] },
    { id: '1910.215', title: 'Abrasive wheel machinery', keywords: ['abrasive wheel', 'bench grinder', 'grinding wheel', 'tool rest'] },
    { id: '1910.216', title: 'Mills and calenders in the rubber and plastics industries', keywords: ['rubber mill', 'calender'] },
    { id: '1910.217', title: 'Mechanical power presses', keywords: ['power press', 'mechanical press', 'punch press', 'die setting'] },
    { id: '1910.218', title: 'Forging machines', keywords: ['forging', 'forge hammer'] },
    { id: '1910.219', title: 'Mechanical power-transmission apparatus', keywords: ['belt guard', 'pulley', 'power transmission', 'chain drive', 'sprocket', 'shaft coupling'] },

    { id: 'Subpart P', title: 'Hand and portable powered tools', keywords: ['tool', 'drill', 'grinder'] },
    { id: 'Subpart Q', title: 'Welding, cutting and brazing', keywords: ['weld', 'cutting torch', 'braz'] },
    { id: 'Subpart R', title: 'Special industries' },

    { id: 'Subpart S', title: 'Electrical', group: true, keywords: ['electric', 'voltage', 'wiring'] },
    { id: '1910.301', title: 'Introduction (electrical)' },
    { id: '1910.302', title: 'Electric utilization systems' },
    { id: '1910.303', title: 'General requirements (electrical installations)', keywords: ['electrical panel', 'working clearance', 'breaker panel', 'electrical room'] },
    { id: '1910.304', title: 'Wiring design and protection', keywords: ['gfci', 'ground-fault', 'grounding', 'overcurrent'] },
    { id: '1910.305', title: 'Wiring methods, components, and equipment for general use', keywords: ['extension cord', 'flexible cord', 'power strip', 'junction box'] },
    { id: '1910.306', title: 'Specific purpose equipment and installations', keywords: ['electric welder', 'x-ray equipment', 'swimming pool'] },
    { id: '1910.307', title: 'Hazardous (classified) locations', keywords: ['hazardous location', 'classified location', 'class i division', 'explosion-proof', 'intrinsically safe'] },
    { id: '1910.308', title: 'Special systems (electrical)', keywords: ['over 600 volts', 'emergency power system'] },
    { id: '1910.331', title: 'Scope (electrical safety-related work practices)' },
    { id: '1910.332', title: 'Training (electrical safety-related work practices)', keywords: ['electrical safety training', 'qualified person', 'unqualified person'] },
    { id: '1910.333', title: 'Selection and use of electrical work practices', keywords: ['live parts', 'energized part', 'arc flash', 'electrical work practice', 'test before touch'] },
    { id: '1910.399', title: 'Definitions (electrical)' },

    { id: 'Subpart Z', title: 'Toxic and hazardous substances', group: true, keywords: ['chemical', 'toxic', 'sds', 'hazard communication', 'solvent', 'chlorine', 'sanitizer'] },
    { id: '1910.1000', title: 'Air contaminants', keywords: ['permissible exposure limit', 'air contaminant', 'time-weighted average', 'exposure monitoring', 'air sampling'] },
    { id: '1910.1020', title: 'Access to employee exposure and medical records', keywords: ['exposure record', 'employee medical record'] },
    { id: '1910.1030', title: 'Bloodborne pathogens', keywords: ['bloodborne', 'blood-borne', 'sharps', 'needlestick', 'biohazard', 'exposure control plan', 'hepatitis b'] },
    { id: '1910.1200', title: 'Hazard communication', keywords: ['hazard communication', 'hazcom', 'sds', 'safety data sheet', 'ghs', 'chemical label', 'secondary container'] },
    { id: '1910.1450', title: 'Occupational exposure to hazardous chemicals in laboratories', keywords: ['chemical hygiene', 'laboratory chemical', 'fume hood', 'lab safety'] },
  ],
};
