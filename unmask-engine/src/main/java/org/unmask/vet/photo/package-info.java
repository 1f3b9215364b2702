/**
 * Photo reuse: one face behind several applications. Photos are decoded defensively (header
 * checked before any pixel is decoded) and reduced to two 64-bit perceptual hashes, a DCT pHash
 * and a gradient dHash, which survive re-encoding, small crops, brightness shifts, resizing and a
 * degree of rotation while unrelated portraits stay far apart.
 */
package org.unmask.vet.photo;
