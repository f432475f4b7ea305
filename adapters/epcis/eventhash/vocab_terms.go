// Code generated from the EPCIS 2.0 JSON-LD context (gs1/EPCIS epcis-context.jsonld); DO NOT EDIT.

package eventhash

// bizStepTerms are the bare JSON-LD terms of bizStep, each standing for
// https://ref.gs1.org/cbv/BizStep-<term>.
var bizStepTerms = vocabulary{prefix: "https://ref.gs1.org/cbv/BizStep-", terms: "accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting installing killing loading other packing picking receiving removing repackaging repairing replacing reserving retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting unloading unpacking void_shipping"}

// dispositionTerms are the bare JSON-LD terms of disposition and persistentDisposition set/unset, each standing for
// https://ref.gs1.org/cbv/Disp-<term>.
var dispositionTerms = vocabulary{prefix: "https://ref.gs1.org/cbv/Disp-", terms: "active available completeness_verified completeness_inferred conformant container_closed container_open damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_instance mismatch_class mismatch_quantity needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen unavailable unknown"}

// bizTransactionTypeTerms are the bare JSON-LD terms of bizTransactionList type, each standing for
// https://ref.gs1.org/cbv/BTT-<term>.
var bizTransactionTypeTerms = vocabulary{prefix: "https://ref.gs1.org/cbv/BTT-", terms: "bol cert desadv inv pedigree po poc prodorder recadv rma testprd testres upevt"}

// sourceDestTypeTerms are the bare JSON-LD terms of sourceList and destinationList type, each standing for
// https://ref.gs1.org/cbv/SDT-<term>.
var sourceDestTypeTerms = vocabulary{prefix: "https://ref.gs1.org/cbv/SDT-", terms: "owning_party possessing_party location"}

// measurementTypeTerms are the bare JSON-LD terms of sensorReport type, each standing for
// https://gs1.org/voc/<term>.
var measurementTypeTerms = vocabulary{prefix: "https://gs1.org/voc/", terms: "AbsoluteHumidity AbsorbedDose AbsorbedDoseRate Acceleration Radioactivity Altitude AmountOfSubstance AmountOfSubstancePerUnitVolume Angle AngularAcceleration AngularMomentum AngularVelocity Area Capacitance Conductance Conductivity Count Density Dimensionless DoseEquivalent DoseEquivalentRate DynamicViscosity ElectricCharge ElectricCurrent ElectricCurrentDensity ElectricFieldStrength Energy Exposure Force Frequency Illuminance Inductance Irradiance KinematicViscosity Length LinearMomentum Luminance LuminousFlux LuminousIntensity MagneticFlux MagneticFluxDensity MagneticVectorPotential Mass MassConcentration MassFlowRate MassPerAreaTime MemoryCapacity MolalityOfSolute MolarEnergy MolarMass MolarVolume Power Pressure RadiantFlux RadiantIntensity RelativeHumidity Resistance Resistivity SolidAngle SpecificVolume Speed SurfaceDensity SurfaceTension Temperature Time Torque Voltage Volume VolumeFlowRate VolumeFraction VolumetricFlux Wavenumber"}

// sensorExceptionTerms are the bare JSON-LD terms of sensorReport exception, each standing for
// https://gs1.org/voc/<term>.
var sensorExceptionTerms = vocabulary{prefix: "https://gs1.org/voc/", terms: "ALARM_CONDITION ERROR_CONDITION"}

// componentTerms are the bare JSON-LD terms of sensorReport component, each standing for
// https://ref.gs1.org/cbv/Comp-<term>.
var componentTerms = vocabulary{prefix: "https://ref.gs1.org/cbv/Comp-", terms: "x y z axial_distance azimuth height spherical_radius polar_angle elevation_angle easting northing latitude longitude altitude"}

// errorReasonTerms are the bare JSON-LD terms of errorDeclaration reason, each standing for
// https://ref.gs1.org/cbv/ER-<term>.
var errorReasonTerms = vocabulary{prefix: "https://ref.gs1.org/cbv/ER-", terms: "did_not_occur incorrect_data"}
