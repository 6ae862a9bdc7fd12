/** Implementation details of fis-accountingpoint: not API, may change without notice. */
package org.fis.accountingpoint.internal;
